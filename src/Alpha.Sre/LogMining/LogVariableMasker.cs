using System.Buffers;
using System.Text;

namespace Alpha.Sre.LogMining;

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

    private static readonly string[] ValueWords = ["true", "false", "null", "none", "nil"];

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

                if (ValueShapes.IsPath(token[i..end]))
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
            var fixedLength = token.Length - i >= 17 ? ValueShapes.FixedShapeLength(token[i..]) : 0;
            if (fixedLength > 0)
            {
                i += fixedLength;
                w = EmitVariable(destination, w);
                anyVariable = true;
                continue;
            }

            var hostKeepsNext = false;
            var host = mayBeHost ? ValueShapes.HostLength(token, i, out hostKeepsNext) : 0;
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
            if (piece.Length is >= 3 and <= 5 && IsValueWord(piece))
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
    public static int DateTimeLength(ReadOnlySpan<char> text) => ValueShapes.DateTimeLength(text);

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
        if (core.Length > 2 && core[0] == '0' && core[1] is 'x' or 'X' && ValueShapes.IsHex(core[2..]))
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
            if (ValueShapes.IsDigits(piece[range]))
            {
                return true;
            }
        }

        return false;
    }

    // v1 in v1.0.2: a version's leading piece, followed by a dot and a digit.
    private static bool IsVersionHead(ReadOnlySpan<char> piece, ReadOnlySpan<char> rest) =>
        piece.Length > 1 && piece[0] is 'v' or 'V' && rest.Length > 1 && rest[0] == '.' && char.IsAsciiDigit(rest[1]) && ValueShapes.IsDigits(piece[1..]);

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
