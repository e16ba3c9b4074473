using System.Buffers;

namespace Alpha.Sre.Logs;

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

    /// <summary>Whether <paramref name="token"/> fits a template token that holds variables: its literal parts match around them.</summary>
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

        // Each further literal piece must follow in order; the last one must end the token.
        var rest = token[head.Length..];
        var remaining = pattern[(wildcard + LogVariableMasker.Wildcard.Length)..];
        while (true)
        {
            var next = remaining.IndexOf(LogVariableMasker.Wildcard);
            if (next < 0)
            {
                return rest.EndsWith(remaining) && rest.Length >= remaining.Length;
            }

            var literal = remaining[..next];
            var at = rest.IndexOf(literal);
            if (at < 0)
            {
                return false;
            }

            rest = rest[(at + literal.Length)..];
            remaining = remaining[(next + LogVariableMasker.Wildcard.Length)..];
        }
    }

    /// <summary>
    /// Whether two different tokens differ in wording rather than only in values: once their common start and
    /// end are set aside, what remains of either one is plain text (no digit, no variable).
    /// <c>RUNNING</c>/<c>NEW</c> and <c>****</c>/<c>4245</c> differ in wording; <c>rhost=</c>/<c>rhost=1.2.3.4</c> and
    /// <c>&lt;*&gt;:&lt;*&gt;</c>/<c>&lt;*&gt;</c> differ in values.
    /// </summary>
    public static bool IsWordDifference(string template, ReadOnlySpan<char> token)
    {
        var a = template.AsSpan();
        var prefix = a.CommonPrefixLength(token);
        var limit = Math.Min(a.Length, token.Length) - prefix;
        var suffix = 0;
        while (suffix < limit && a[a.Length - 1 - suffix] == token[token.Length - 1 - suffix])
        {
            suffix++;
        }

        var aEnd = a.Length - suffix;
        var tokenEnd = token.Length - suffix;
        return (aEnd > prefix && !HoldsValue(a, prefix, aEnd)) || (tokenEnd > prefix && !HoldsValue(token, prefix, tokenEnd));
    }

    // Whether text[start..end] holds a digit or a variable, or touches a variable (the common start or end may
    // have cut into one).
    private static bool HoldsValue(ReadOnlySpan<char> text, int start, int end)
    {
        var part = text[start..end];
        if (part.IndexOfAnyInRange('0', '9') >= 0 || part.Contains(LogVariableMasker.Wildcard, StringComparison.Ordinal))
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
