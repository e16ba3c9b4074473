using System.Buffers;
using System.Text;

namespace Alpha.Sre.Logs;

/// <summary>
/// Replaces the parts of a log token that are values (numbers, hex, IP addresses and ports, paths, UUIDs, MAC
/// addresses, long ids such as block or attempt ids, booleans and null) by <c>&lt;*&gt;</c>, before the miner
/// compares lines. One rule set serves every system; it follows the template conventions the loghub-2.0 study
/// settled on: a token is cut into pieces at punctuation, a piece that is a value becomes <c>&lt;*&gt;</c>
/// while the punctuation stays (<c>10.0.0.1:50010</c> reads <c>&lt;*&gt;:&lt;*&gt;</c>, <c>node-17</c> reads
/// <c>node-&lt;*&gt;</c>), and values joined by dots fold into one (<c>2.6.5</c> reads <c>&lt;*&gt;</c>).
/// Words with a digit or two stay as written (<c>ssh2</c>, <c>jk2_init()</c>, <c>eth0</c>): they usually name
/// a thing rather than carry a value; the miner still turns them into variables when they vary.
/// </summary>
public static class LogVariableMasker
{
    /// <summary>The text that stands for a variable in templates.</summary>
    public const string Wildcard = "<*>";

    // Characters that cut a token into pieces: loghub's template delimiters plus '/'. '_', '\\', '<', '>' and '*'
    // are not among them, so blk_123 or attempt_1445_0020_m_0 stay one piece and are judged whole, and the
    // bracket of <1 or 17> goes with its number.
    private static readonly SearchValues<char> Delimiters = SearchValues.Create(",;:=|\"'[](){}!.-+@#$%&/");

    // Characters that end a path: a path may hold dots, dashes and underscores but not these.
    private static readonly SearchValues<char> PathDelimiters = SearchValues.Create(",;:=|\"'[](){}<>!");

    private static readonly string[] ValueWords = ["true", "false", "null", "root", "admin"];

    private static readonly string[] TopLevelDomains = ["com", "net", "org", "edu", "gov", "mil", "int", "biz", "info", "local", "internal"];

    private static readonly string[] WeekDays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    private static readonly string[] MonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>The longest text <see cref="MaskToken(ReadOnlySpan{char}, Span{char}, out TokenShape)"/> can write for a token of the given length.</summary>
    public static int MaxMaskedLength(int tokenLength) => (3 * tokenLength) + 3;

    /// <summary>Masks every whitespace-separated token of a message and joins them with single spaces.</summary>
    public static string MaskMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var tokens = new LogTokenBuffer();
        tokens.Load(message, mask: true);
        var builder = new StringBuilder(message.Length + 16);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(tokens[i]);
        }

        return builder.ToString();
    }

    /// <summary>Masks one token (which should hold no white space).</summary>
    public static string MaskToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var buffer = new char[MaxMaskedLength(token.Length)];
        var written = MaskToken(token, buffer, out _);
        return new string(buffer, 0, written);
    }

    /// <summary>Masks one token into <paramref name="destination"/> and says what it became.</summary>
    /// <param name="token">The token, without white space.</param>
    /// <param name="destination">Where the masked text goes; at least <see cref="MaxMaskedLength"/> characters.</param>
    /// <param name="shape">Whether nothing, part or all of the token was a value.</param>
    /// <returns>The number of characters written.</returns>
    public static int MaskToken(ReadOnlySpan<char> token, Span<char> destination, out TokenShape shape)
    {
        // Most tokens are words: without digits, slashes or two dots only value words can be values (a MAC
        // address without digits needs 17 characters).
        var hasDigit = token.IndexOfAnyInRange('0', '9') >= 0;
        var dots = token.Count('.');
        var slash = token.IndexOf('/') >= 0;
        var colon = token.IndexOf(':') >= 0;
        if (!hasDigit && dots < 2 && !slash && (!colon || token.Length < 17))
        {
            return MaskWords(token, destination, out shape);
        }

        // Host names need a letter and then a port, an address or two dots.
        var mayBeHost = (hasDigit || dots >= 2) && (colon || slash || dots >= 2) && token.IndexOfAnyInRange('A', 'z') >= 0;
        var w = 0;
        var anyVariable = false;
        var i = 0;
        while (i < token.Length)
        {
            var c = token[i];
            if (c == '/' && (i == 0 || PathDelimiters.Contains(token[i - 1])))
            {
                var end = i + 1;
                while (end < token.Length && !PathDelimiters.Contains(token[end]))
                {
                    end++;
                }

                if (IsPath(token[i..end]))
                {
                    w = EmitVariable(destination, w);
                    anyVariable = true;
                    i = end;
                    continue;
                }
            }

            if (IsBreak(token, i))
            {
                destination[w++] = c;
                i++;
                continue;
            }

            var start = i;
            var fixedLength = token.Length - i >= 17 ? FixedShapeLength(token[i..]) : 0;
            if (fixedLength > 0)
            {
                i += fixedLength;
                w = EmitVariable(destination, w);
                anyVariable = true;
                continue;
            }

            var hostKeepsNext = false;
            var host = mayBeHost ? HostLength(token, i, out hostKeepsNext) : 0;
            if (host > 0)
            {
                i += host;
                w = EmitVariable(destination, w);
                anyVariable = true;
                if (hostKeepsNext)
                {
                    // host:port and host/ip keep their separator, as ip:port does.
                    destination[w++] = token[i++];
                }

                continue;
            }

            i = PieceEnd(token, i + 1);
            var piece = token[start..i];
            if (IsValue(piece) || IsVersionHead(piece, token[i..]))
            {
                w = EmitVariable(destination, w);
                anyVariable = true;
            }
            else
            {
                piece.CopyTo(destination[w..]);
                w += piece.Length;
            }
        }

        shape = !anyVariable ? TokenShape.Constant
            : w == Wildcard.Length && destination[..w].SequenceEqual(Wildcard) ? TokenShape.Variable
            : TokenShape.Mixed;
        return w;
    }

    // A token of words and punctuation: copied unless a piece is a value word (user=root).
    private static int MaskWords(ReadOnlySpan<char> token, Span<char> destination, out TokenShape shape)
    {
        var anyVariable = false;
        var w = 0;
        var i = 0;
        while (i < token.Length)
        {
            if (Delimiters.Contains(token[i]))
            {
                destination[w++] = token[i++];
                continue;
            }

            var start = i;
            var next = token[i..].IndexOfAny(Delimiters);
            i = next < 0 ? token.Length : i + next;
            var piece = token[start..i];
            if (piece.Length is 4 or 5 && IsValueWord(piece))
            {
                w = EmitVariable(destination, w);
                anyVariable = true;
            }
            else
            {
                piece.CopyTo(destination[w..]);
                w += piece.Length;
            }
        }

        shape = !anyVariable ? TokenShape.Constant
            : w == Wildcard.Length ? TokenShape.Variable
            : TokenShape.Mixed;
        return w;
    }

    private static int PieceEnd(ReadOnlySpan<char> token, int i)
    {
        while (i < token.Length)
        {
            var next = token[i..].IndexOfAny(Delimiters);
            if (next < 0)
            {
                return token.Length;
            }

            i += next;
            if (IsBreak(token, i))
            {
                return i;
            }

            i++;
        }

        return i;
    }

    private static bool IsValueWord(ReadOnlySpan<char> piece)
    {
        foreach (var word in ValueWords)
        {
            if (piece.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The length of a date and time written with a month name at the start of <paramref name="text"/>
    /// (<c>Fri Jun 17 07:07:00 2005</c>, <c>Jun 17 07:07:00</c>), or 0. Such a run spans several tokens but is one
    /// value; it masks to <c>&lt;*&gt;:&lt;*&gt;:&lt;*&gt;</c>, its clock's separators kept as for other values.
    /// </summary>
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

    /// <summary>Whether a piece (a token part between punctuation) is a value rather than a word.</summary>
    internal static bool IsValue(ReadOnlySpan<char> piece)
    {
        // Judged on its letters and digits: punctuation that does not split pieces (<1, 17>, \042x\042) rides along.
        var digits = 0;
        var letters = 0;
        var hexOnly = true;
        var leadingDigits = 0;
        var inLeadingDigits = true;
        var alnum = 0;
        foreach (var c in piece)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
                alnum++;
                if (inLeadingDigits)
                {
                    leadingDigits++;
                }
            }
            else if (char.IsAsciiLetter(c))
            {
                letters++;
                alnum++;
                inLeadingDigits = false;
                hexOnly &= char.IsAsciiHexDigit(c);
            }
            else if (alnum > 0 && c != '_')
            {
                inLeadingDigits = false;
            }
        }

        if (alnum == 0)
        {
            return false;
        }

        if (digits == alnum)
        {
            return true;
        }

        if (digits == 0)
        {
            return IsValueWord(piece);
        }

        var core = piece.TrimStart("-+");
        if (core.Length > 2 && core[0] == '0' && core[1] is 'x' or 'X' && IsHex(core[2..]))
        {
            return true;
        }

        if ((hexOnly && alnum >= 8 && alnum == piece.Length) || digits >= 4 || HasNumericSegment(piece))
        {
            return true;
        }

        // A number with a short unit (16K, 126MB, 100ms, 2nd) is a value; a word with a digit (ssh2, eth0) is not.
        return leadingDigits > 0 && leadingDigits == digits && letters <= 3 && alnum == piece.Length;
    }

    // broadcast_12, dquot_6: an identifier whose '_'-separated part is a number.
    private static bool HasNumericSegment(ReadOnlySpan<char> piece)
    {
        if (piece.IndexOf('_') < 0)
        {
            return false;
        }

        foreach (var range in piece.Split('_'))
        {
            if (IsDigits(piece[range]))
            {
                return true;
            }
        }

        return false;
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

    // v1 in v1.0.2: a version's leading piece, followed by a dot and a digit.
    private static bool IsVersionHead(ReadOnlySpan<char> piece, ReadOnlySpan<char> rest) =>
        piece.Length > 1 && piece[0] is 'v' or 'V' && rest.Length > 1 && rest[0] == '.' && char.IsAsciiDigit(rest[1]) && IsDigits(piece[1..]);

    private static bool IsDigits(ReadOnlySpan<char> span)
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

    private static bool IsHex(ReadOnlySpan<char> span)
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

    // A delimiter ends a piece, except a sign that starts a number: '-' or '+' before a digit, not preceded
    // by a letter or digit (so blk_-42 and -127 stay whole while 2005-06-03 splits).
    private static bool IsBreak(ReadOnlySpan<char> token, int i)
    {
        var c = token[i];
        if (!Delimiters.Contains(c))
        {
            return false;
        }

        if (c is '-' or '+' && i + 1 < token.Length && char.IsAsciiDigit(token[i + 1]) && (i == 0 || !char.IsAsciiLetterOrDigit(token[i - 1])))
        {
            return false;
        }

        return true;
    }

    private static bool IsPath(ReadOnlySpan<char> run)
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
    /// where the name holds a digit and a dot or dash (<c>msra-sa-41:9000</c>), and fully qualified names ending
    /// in a country or common top-level domain (<c>ns1.example.com</c>). Returns the name's length, or 0;
    /// <paramref name="keepsNext"/> says that a ':' or '/' follows that belongs to the template.
    /// </summary>
    private static int HostLength(ReadOnlySpan<char> token, int i, out bool keepsNext)
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

        var named = digits > 0 && dots + dashes > 0;
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
    private static int FixedShapeLength(ReadOnlySpan<char> rest)
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

    // Writes <*>, folding it into a variable just before it ("<*>.<*>" and "<*><*>" read "<*>").
    private static int EmitVariable(Span<char> destination, int w)
    {
        if (w >= 3 && destination[(w - 3)..w].SequenceEqual(Wildcard))
        {
            return w;
        }

        if (w >= 4 && destination[w - 1] == '.' && destination[(w - 4)..(w - 1)].SequenceEqual(Wildcard))
        {
            return w - 1;
        }

        Wildcard.AsSpan().CopyTo(destination[w..]);
        return w + Wildcard.Length;
    }
}
