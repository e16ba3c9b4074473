using System.Buffers;

namespace Alpha.Sre.LogMining;

/// <summary>
/// Generalises two different tokens at the same template position into one pattern that keeps the punctuation
/// they share around the part that differs: <c>rhost=1.2.3.4</c> and <c>rhost=</c> give <c>rhost=&lt;*&gt;</c>,
/// <c>(a.example.net)</c> and <c>()</c> give <c>(&lt;*&gt;)</c>. The shared part is cut at punctuation only, so
/// <c>ns1.foo.com</c> and <c>ip-2.bar.com</c> give <c>&lt;*&gt;</c>, not <c>&lt;*&gt;.com</c>.
/// </summary>
internal static class TokenGeneralizer
{
    // Where a kept prefix may end or a kept suffix may begin. '.' and '_' are missing on purpose: they join the
    // parts of one name or number.
    // Characters that can make part of a token a value: digits, the start of a variable, path separators.
    private static readonly SearchValues<char> ValueMarks = SearchValues.Create("0123456789<*/\\");

    // Punctuation a variable does not take at its edges: it separates the variable from the template's text.
    private static readonly SearchValues<char> SeparatorEdges = SearchValues.Create(".,;:=|!");

    private static readonly SearchValues<char> Cuts = SearchValues.Create(",;:=|\"'[](){}<>!#@/-");

    public static string Generalize(string template, ReadOnlySpan<char> token)
    {
        var a = template.AsSpan();
        var limit = Math.Min(a.Length, token.Length);
        var prefix = a.CommonPrefixLength(token);
        while (prefix > 0 && !(Cuts.Contains(a[prefix - 1]) && !EndsInsideWildcard(a[..prefix])))
        {
            prefix--;
        }

        var suffix = 0;
        while (suffix < limit - prefix && a[a.Length - 1 - suffix] == token[token.Length - 1 - suffix])
        {
            suffix++;
        }

        while (suffix > 0 && !(Cuts.Contains(a[a.Length - suffix]) && !StartsInsideWildcard(a[(a.Length - suffix)..])))
        {
            suffix--;
        }

        if (prefix == 0 && suffix == 0)
        {
            return LogVariableMasker.Wildcard;
        }

        var head = a[..prefix];
        var tail = a[(a.Length - suffix)..];

        // Fold into a neighbouring variable as masking does: "<*>.<*>" and "<*><*>" read "<*>".
        if (head.EndsWith(LogVariableMasker.Wildcard))
        {
            head = head[..^LogVariableMasker.Wildcard.Length];
        }
        else if (head.EndsWith("<*>."))
        {
            head = head[..^"<*>.".Length];
        }

        if (tail.StartsWith(LogVariableMasker.Wildcard))
        {
            tail = tail[LogVariableMasker.Wildcard.Length..];
        }
        else if (tail.StartsWith(".<*>"))
        {
            tail = tail[".<*>".Length..];
        }

        return head.IsEmpty && tail.IsEmpty ? LogVariableMasker.Wildcard : string.Concat(head, LogVariableMasker.Wildcard, tail);
    }

    /// <summary>
    /// Whether <paramref name="token"/> fits a template token that holds variables: its literal parts match in
    /// order around them, and what a variable takes neither starts nor ends with punctuation (so
    /// <c>rhost=&lt;*&gt;</c> takes <c>rhost=a.example.net</c>, but <c>insn......&lt;*&gt;</c> does not take
    /// <c>insn.........&lt;*&gt;</c>).
    /// </summary>
    public static bool Fits(string template, ReadOnlySpan<char> token)
    {
        var wildcard = template.IndexOf(LogVariableMasker.Wildcard, StringComparison.Ordinal);
        if (wildcard < 0)
        {
            return false;
        }

        var pattern = template.AsSpan();
        var head = pattern[..wildcard];
        if (!token.StartsWith(head))
        {
            return false;
        }

        var rest = token[head.Length..];
        var remaining = pattern[(wildcard + LogVariableMasker.Wildcard.Length)..];
        while (true)
        {
            var next = remaining.IndexOf(LogVariableMasker.Wildcard);
            if (next < 0)
            {
                return rest.Length >= remaining.Length && rest.EndsWith(remaining) && CleanEdges(rest[..^remaining.Length]);
            }

            var literal = remaining[..next];
            var at = literal.IsEmpty ? 0 : rest.IndexOf(literal);
            if (at < 0 || !CleanEdges(rest[..at]))
            {
                return false;
            }

            rest = rest[(at + literal.Length)..];
            remaining = remaining[(next + LogVariableMasker.Wildcard.Length)..];
        }
    }

    /// <summary>
    /// How two different tokens differ, once their common start and end are set aside: in values only (what
    /// remains holds digits or variables, or is empty) or in wording (plain text remains: <c>RUNNING</c>/<c>NEW</c>,
    /// <c>****</c>/<c>4245</c>, <c>eth0</c>/<c>alt0</c>).
    /// </summary>
    public static TokenDifference Classify(string template, ReadOnlySpan<char> token)
    {
        var a = template.AsSpan();
        if (a.IndexOfAny(ValueMarks) < 0 && token.IndexOfAny(ValueMarks) < 0)
        {
            // Two different texts without digits, variables or paths: a difference in wording.
            return TokenDifference.Word;
        }

        var prefix = a.CommonPrefixLength(token);
        var limit = Math.Min(a.Length, token.Length) - prefix;
        var suffix = 0;
        while (suffix < limit && a[a.Length - 1 - suffix] == token[token.Length - 1 - suffix])
        {
            suffix++;
        }

        var aEnd = a.Length - suffix;
        var tokenEnd = token.Length - suffix;
        var plain = (aEnd > prefix && !HoldsValue(a, prefix, aEnd)) || (tokenEnd > prefix && !HoldsValue(token, prefix, tokenEnd));
        return plain ? TokenDifference.Word : TokenDifference.Value;
    }

    private static bool CleanEdges(ReadOnlySpan<char> taken) =>
        taken.IsEmpty || (!SeparatorEdges.Contains(taken[0]) && !SeparatorEdges.Contains(taken[^1]));

    // Whether text[start..end] holds a digit or a variable, or touches a variable (the common start or end may
    // have cut into one).
    private static bool HoldsValue(ReadOnlySpan<char> text, int start, int end)
    {
        // Digits, variables and paths are values.
        var part = text[start..end];
        if (part.IndexOfAnyInRange('0', '9') >= 0 || part.Contains(LogVariableMasker.Wildcard, StringComparison.Ordinal) || part.IndexOfAny('/', '\\') >= 0)
        {
            return true;
        }

        var from = Math.Max(0, start - 2);
        var to = Math.Min(text.Length, end + 2);
        return text[from..to].Contains(LogVariableMasker.Wildcard, StringComparison.Ordinal);
    }

    private static bool EndsInsideWildcard(ReadOnlySpan<char> head) => head.EndsWith("<") || head.EndsWith("<*");

    private static bool StartsInsideWildcard(ReadOnlySpan<char> tail) => tail.StartsWith(">") || tail.StartsWith("*>");
}
