namespace Alpha.Sre.LogMining;

/// <summary>
/// Compares a line with a template position by position and generalises templates. Positions where the
/// template is a variable, or a pattern the token fits, agree. Where they differ, a difference inside values
/// is free; a difference between plain words is allowed at one position per template, and only while the
/// template has seen few lines (a word that many lines repeated is part of the event). Templates that differ in wording are
/// different events (state names, phrases), while one free word is a name or a user.
/// </summary>
internal static class TemplateComparer
{
    public static bool Compare(TemplateCluster cluster, LogTokenBuffer line, int settledAfterLines, out int same, out int variables)
    {
        same = 0;
        variables = 0;
        var wordPosition = cluster.WordPosition;
        var tokens = cluster.Tokens;
        for (var i = 0; i < tokens.Length; i++)
        {
            var template = tokens[i];
            var token = line[i];
            if (TemplateCluster.IsWildcard(template))
            {
                variables++;
            }
            else if (token.SequenceEqual(template))
            {
                same++;
            }
            else if (TokenGeneralizer.Fits(template, token))
            {
                variables++;
            }
            else
            {
                var difference = TokenGeneralizer.Classify(template, token);
                if (difference == TokenDifference.Word && ((wordPosition >= 0 && wordPosition != i) || cluster.Count >= settledAfterLines))
                {
                    return false;
                }

                if (difference == TokenDifference.Word)
                {
                    wordPosition = i;
                }
            }
        }

        return true;
    }

    /// <summary>Turns the positions where the line differs into variables (keeping shared punctuation); returns whether anything changed.</summary>
    public static bool Generalize(TemplateCluster cluster, LogTokenBuffer line)
    {
        var tokens = cluster.Tokens;
        var changed = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            var template = tokens[i];
            var token = line[i];
            if (TemplateCluster.IsWildcard(template) || token.SequenceEqual(template) || TokenGeneralizer.Fits(template, token))
            {
                continue;
            }

            if (TokenGeneralizer.Classify(template, token) != TokenDifference.Value)
            {
                cluster.WordPosition = i;
            }

            tokens[i] = TokenGeneralizer.Generalize(template, token);
            changed = true;
        }

        if (changed)
        {
            cluster.Invalidate();
        }

        return changed;
    }

    /// <summary>Generalises <paramref name="target"/> with another template of the same length.</summary>
    public static void Generalize(TemplateCluster target, TemplateCluster other)
    {
        var tokens = target.Tokens;
        for (var i = 0; i < tokens.Length; i++)
        {
            var a = tokens[i];
            var b = other.Tokens[i];
            if (TemplateCluster.IsWildcard(a) || string.Equals(a, b, StringComparison.Ordinal) || TokenGeneralizer.Fits(a, b))
            {
                continue;
            }

            tokens[i] = TemplateCluster.IsWildcard(b) ? LogVariableMasker.Wildcard : TokenGeneralizer.Generalize(a, b);
        }

        target.Invalidate();
    }

    /// <summary>
    /// Whether two templates of the same length differ only in their first token (two plain words) and in
    /// values, and share at least <paramref name="minConstants"/> constant tokens after the first.
    /// </summary>
    public static bool IsLeadingSibling(TemplateCluster a, TemplateCluster b, int minConstants)
    {
        var first = a.Tokens[0];
        if (!TemplateCluster.IsWildcard(first) && TokenGeneralizer.Classify(first, b.Tokens[0]) != TokenDifference.Word)
        {
            return false;
        }

        var constants = 0;
        for (var i = 1; i < a.Tokens.Length; i++)
        {
            var x = a.Tokens[i];
            var y = b.Tokens[i];
            if (string.Equals(x, y, StringComparison.Ordinal))
            {
                constants += TemplateCluster.IsWildcard(x) ? 0 : 1;
            }
            else if (!TemplateCluster.IsWildcard(x) && !TemplateCluster.IsWildcard(y) && !TokenGeneralizer.Fits(x, y) && !TokenGeneralizer.Fits(y, x)
                && TokenGeneralizer.Classify(x, y) != TokenDifference.Value)
            {
                return false;
            }
        }

        return constants >= minConstants;
    }

    /// <summary>
    /// Whether template <paramref name="general"/> covers <paramref name="specific"/> (same length): at every
    /// position it has a variable, the same token, or a pattern the other's token fits.
    /// </summary>
    public static bool Covers(TemplateCluster general, TemplateCluster specific)
    {
        var a = general.Tokens;
        var b = specific.Tokens;
        for (var i = 0; i < a.Length; i++)
        {
            if (!TemplateCluster.IsWildcard(a[i]) && !string.Equals(a[i], b[i], StringComparison.Ordinal) && !TokenGeneralizer.Fits(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
