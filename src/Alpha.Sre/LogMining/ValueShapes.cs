namespace Alpha.Sre.LogMining;

/// <summary>
/// Value shapes that span several pieces of a token, or several tokens, which <see cref="LogVariableMasker"/>
/// recognises whole: dates with month names, host names, UUIDs, MAC addresses and paths.
/// </summary>
internal static class ValueShapes
{
    private static readonly string[] TopLevelDomains = ["com", "net", "org", "edu", "gov", "mil", "int", "biz", "info", "local", "internal"];

    private static readonly string[] WeekDays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    private static readonly string[] MonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>The length of a date written with a month name at the start of the text, or 0.</summary>
    public static int DateTimeLength(ReadOnlySpan<char> text)
    {
        var p = 0;
        if (IsName(text, WeekDays))
        {
            p = SkipSpaces(text, 3);
            if (p == 3)
            {
                return 0;
            }
        }

        if (!IsName(text[p..], MonthNames))
        {
            return 0;
        }

        var q = SkipSpaces(text, p + 3);
        if (q == p + 3)
        {
            return 0;
        }

        var dayStart = q;
        while (q < text.Length && q - dayStart < 3 && char.IsAsciiDigit(text[q]))
        {
            q++;
        }

        if (q - dayStart is < 1 or > 2)
        {
            return 0;
        }

        var clockStart = SkipSpaces(text, q);
        if (clockStart == q || !IsClock(text[clockStart..], out var clockLength))
        {
            return 0;
        }

        var end = clockStart + clockLength;
        var yearStart = SkipSpaces(text, end);
        if (yearStart > end && yearStart + 4 <= text.Length && IsDigits(text.Slice(yearStart, 4))
            && (yearStart + 4 == text.Length || char.IsWhiteSpace(text[yearStart + 4])))
        {
            end = yearStart + 4;
        }

        return end == text.Length || char.IsWhiteSpace(text[end]) ? end : 0;
    }

    private static bool IsName(ReadOnlySpan<char> text, string[] names)
    {
        if (text.Length < 3)
        {
            return false;
        }

        foreach (var name in names)
        {
            if (text[..3].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static int SkipSpaces(ReadOnlySpan<char> text, int p)
    {
        while (p < text.Length && text[p] == ' ')
        {
            p++;
        }

        return p;
    }

    // HH:mm:ss with an optional .fff or ,fff fraction.
    private static bool IsClock(ReadOnlySpan<char> text, out int length)
    {
        length = 0;
        if (text.Length < 8 || !(char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && text[2] == ':' && char.IsAsciiDigit(text[3])
            && char.IsAsciiDigit(text[4]) && text[5] == ':' && char.IsAsciiDigit(text[6]) && char.IsAsciiDigit(text[7])))
        {
            return false;
        }

        length = 8;
        if (text.Length > 9 && text[8] is '.' or ',' && char.IsAsciiDigit(text[9]))
        {
            length = 9;
            while (length < text.Length && char.IsAsciiDigit(text[length]))
            {
                length++;
            }
        }

        return true;
    }

    public static bool IsDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return !span.IsEmpty;
    }

    public static bool IsHex(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsPath(ReadOnlySpan<char> run)
    {
        // (/segment)+ with non-empty segments: /etc/hosts, /10.0.0.1, /user/x/part-00001.
        if (run.Length < 2 || run[^1] == '/')
        {
            return false;
        }

        for (var i = 0; i < run.Length - 1; i++)
        {
            if (run[i] == '/' && run[i + 1] == '/')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Host names that start at <paramref name="i"/>: <c>name:port</c> and <c>name/ip</c> (Java's address form),
    /// where the name holds a dot or dash (<c>msra-sa-41:9000</c>, <c>db.example:5432</c>), and fully qualified names ending
    /// in a country or common top-level domain (<c>ns1.example.com</c>). Returns the name's length, or 0;
    /// <paramref name="keepsNext"/> says that a ':' or '/' follows that belongs to the template.
    /// </summary>
    public static int HostLength(ReadOnlySpan<char> token, int i, out bool keepsNext)
    {
        keepsNext = false;
        if (!char.IsAsciiLetterOrDigit(token[i]) || (i > 0 && (char.IsAsciiLetterOrDigit(token[i - 1]) || token[i - 1] is '.' or '-' or '_')))
        {
            return 0;
        }

        var end = i;
        var dots = 0;
        var dashes = 0;
        var digits = 0;
        var letters = 0;
        var lastDot = -1;
        while (end < token.Length && (char.IsAsciiLetterOrDigit(token[end]) || token[end] is '.' or '-' or '_'))
        {
            var c = token[end];
            if (c == '.')
            {
                dots++;
                lastDot = end;
            }
            else if (c == '-')
            {
                dashes++;
            }
            else if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (char.IsAsciiLetter(c))
            {
                letters++;
            }

            end++;
        }

        while (end > i && token[end - 1] is '.' or '-' or '_')
        {
            end--;
        }

        if (letters == 0 || end - i < 3)
        {
            return 0;
        }

        var named = dots + dashes > 0;
        if (named && end + 2 < token.Length && token[end] == ':' && IsPort(token[(end + 1)..]))
        {
            keepsNext = true;
            return end - i;
        }

        if (end + 7 < token.Length && token[end] == '/' && IsIPv4Start(token[(end + 1)..]))
        {
            keepsNext = true;
            return end - i;
        }

        var afterUrlScheme = i >= 2 && token[i - 1] == '/' && token[i - 2] == '/';
        if (dots >= 2 && !afterUrlScheme && lastDot > i && lastDot < end - 1 && IsTopLevelDomain(token[(lastDot + 1)..end]))
        {
            return end - i;
        }

        return 0;
    }

    private static bool IsPort(ReadOnlySpan<char> rest)
    {
        var n = 0;
        while (n < rest.Length && char.IsAsciiDigit(rest[n]))
        {
            n++;
        }

        return n is >= 2 and <= 5 && (n == rest.Length || !(char.IsAsciiLetterOrDigit(rest[n]) || rest[n] == ':'));
    }

    private static bool IsIPv4Start(ReadOnlySpan<char> rest)
    {
        var groups = 0;
        var p = 0;
        while (groups < 4)
        {
            var start = p;
            while (p < rest.Length && char.IsAsciiDigit(rest[p]))
            {
                p++;
            }

            if (p - start is < 1 or > 3)
            {
                return false;
            }

            groups++;
            if (groups < 4)
            {
                if (p >= rest.Length || rest[p] != '.')
                {
                    return false;
                }

                p++;
            }
        }

        return p == rest.Length || !char.IsAsciiLetterOrDigit(rest[p]);
    }

    private static bool IsTopLevelDomain(ReadOnlySpan<char> label)
    {
        if (label.Length == 2)
        {
            return char.IsAsciiLetterLower(label[0]) && char.IsAsciiLetterLower(label[1]);
        }

        foreach (var tld in TopLevelDomains)
        {
            if (label.SequenceEqual(tld))
            {
                return true;
            }
        }

        return false;
    }

    // UUIDs and MAC addresses span several pieces; they are recognised whole where a piece starts.
    public static int FixedShapeLength(ReadOnlySpan<char> rest)
    {
        if (rest.Length >= 36 && IsHexGroups(rest[..36], '-', [8, 4, 4, 4, 12]) && (rest.Length == 36 || !char.IsAsciiLetterOrDigit(rest[36])))
        {
            return 36;
        }

        if (rest.Length >= 17 && IsHexGroups(rest[..17], ':', [2, 2, 2, 2, 2, 2]) && (rest.Length == 17 || !char.IsAsciiLetterOrDigit(rest[17])))
        {
            return 17;
        }

        return 0;
    }

    private static bool IsHexGroups(ReadOnlySpan<char> span, char separator, ReadOnlySpan<int> groups)
    {
        var p = 0;
        for (var g = 0; g < groups.Length; g++)
        {
            if (g > 0)
            {
                if (span[p] != separator)
                {
                    return false;
                }

                p++;
            }

            for (var k = 0; k < groups[g]; k++, p++)
            {
                if (!char.IsAsciiHexDigit(span[p]))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
