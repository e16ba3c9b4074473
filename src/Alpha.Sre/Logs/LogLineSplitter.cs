using System.Globalization;

namespace Alpha.Sre.Logs;

/// <summary>
/// Cuts a raw log line into (timestamp, level, component, message) without knowing the system that wrote it.
/// It recognises common timestamp shapes (ISO 8601, syslog <c>Jun 14 15:16:01</c>, asctime, bracketed asctime,
/// compact <c>yyMMdd HHmmss</c>, dotted and dashed variants, Unix epochs), level words (bare upper-case such as
/// <c>INFO</c>, or bracketed in any case such as <c>[notice]</c>), syslog tags (<c>sshd[42]:</c>) and Java-style
/// thread and logger fields after a level (<c>[main] org.acme.Foo:</c>). Fields before a timestamp or level are
/// taken as header only when they look like header fields (numbers, host names, ids, upper-case words).
/// When nothing is recognised the whole line is the message.
/// </summary>
public static class LogLineSplitter
{
    private const int MaxHeaderTokens = 12;
    private const int MaxLeadingFields = 6;

    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly string[] Days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    private static readonly string[] BareLevels =
    [
        "TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR", "ERR", "SEVERE", "FATAL", "CRITICAL", "CRIT",
        "ALERT", "EMERG", "EMERGENCY", "FAILURE",
    ];

    /// <summary>Splits one raw line.</summary>
    /// <param name="line">The raw line.</param>
    /// <param name="assumedYear">The year for timestamps that carry none (syslog); without it such timestamps are not read.</param>
    public static LogLineParts Split(string line, int? assumedYear = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        var tokens = Tokens(line);
        var n = tokens.Count;
        var messageStart = 0;
        DateTimeOffset? timestamp = null;
        var sawTimestamp = false;
        var lastTimestampEnd = -1;
        var tagAllowed = false;
        string? level = null;
        string? component = null;

        // A line that starts with a number (a record id) may carry plain words among its leading fields.
        var loose = n > 0 && IsNumber(Span(line, tokens[0]));
        var i = 0;
        while (i < n && i < MaxHeaderTokens)
        {
            var consumed = TryTimestamp(line, tokens, i, assumedYear, out var value);
            if (consumed > 0)
            {
                if (!sawTimestamp && (i > MaxLeadingFields || !AllHeaderFields(line, tokens, 0, i, loose)))
                {
                    break;
                }

                if (!sawTimestamp)
                {
                    timestamp = value;
                }

                sawTimestamp = true;
                tagAllowed = true;
                i += consumed;
                lastTimestampEnd = i;
                messageStart = tokens[i - 1].End;

                // Numbers right after a timestamp are header fields (process ids, sequence numbers, flags); then
                // no syslog host and tag follow.
                while (i < n && IsNumber(Span(line, tokens[i]).TrimStart('-')))
                {
                    messageStart = tokens[i].End;
                    i++;
                    tagAllowed = false;
                }

                continue;
            }

            if (TryLevel(line, tokens[i], out var word, out var bracketed))
            {
                if (sawTimestamp || i == 0 || (i <= MaxLeadingFields && AllHeaderFields(line, tokens, 0, i, loose)))
                {
                    level = word;
                    if (i > 0 && IsUpperWord(Span(line, tokens[i - 1])) && i - 1 >= lastTimestampEnd)
                    {
                        component = Span(line, tokens[i - 1]).ToString();
                    }

                    i++;
                    messageStart = tokens[i - 1].End;
                    if (!bracketed)
                    {
                        i = SkipThreadAndLogger(line, tokens, i, ref messageStart, ref component);
                    }

                    break;
                }

                break;
            }

            // A syslog tag follows the timestamp, or the host after it (with "--" marks, as some daemons write).
            var tagPosition = tagAllowed && (i <= lastTimestampEnd + 1 || (i == lastTimestampEnd + 2 && Span(line, tokens[i - 1]) is "-" or "--"));
            if (tagPosition && TryTag(Span(line, tokens[i]), out var tag))
            {
                component = tag;
                messageStart = tokens[i].End;
                break;
            }

            // "syslogd 1.4.1:": a program name and its version as the tag.
            if (tagPosition && i + 1 < n && IsVersionTag(Span(line, tokens[i + 1])) && IsFieldWord(Span(line, tokens[i])))
            {
                component = Span(line, tokens[i]).ToString();
                messageStart = tokens[i + 1].End;
                break;
            }

            if (!IsHeaderField(Span(line, tokens[i])) && !(sawTimestamp && i == lastTimestampEnd) && !(!sawTimestamp && loose && IsLooseField(Span(line, tokens[i]))))
            {
                break;
            }

            i++;
        }

        var message = line.AsSpan(messageStart).Trim().ToString();
        return new LogLineParts(message, timestamp, level, component);
    }

    private readonly record struct TokenRange(int Start, int End);

    private static ReadOnlySpan<char> Span(string line, TokenRange t) => line.AsSpan(t.Start, t.End - t.Start);

    private static List<TokenRange> Tokens(string line)
    {
        var tokens = new List<TokenRange>(MaxHeaderTokens + 4);
        var i = 0;
        while (tokens.Count < MaxHeaderTokens + 4)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            if (i == line.Length)
            {
                break;
            }

            var start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            tokens.Add(new TokenRange(start, i));
        }

        return tokens;
    }

    private static int SkipThreadAndLogger(string line, List<TokenRange> tokens, int i, ref int messageStart, ref string? component)
    {
        if (i < tokens.Count && Span(line, tokens[i]) is ['-'])
        {
            messageStart = tokens[i].End;
            i++;
        }

        if (i < tokens.Count && Span(line, tokens[i]).StartsWith('['))
        {
            var depth = 0;
            for (var k = i; k < tokens.Count && k < i + 8; k++)
            {
                foreach (var c in Span(line, tokens[k]))
                {
                    depth += c == '[' ? 1 : c == ']' ? -1 : 0;
                }

                if (depth <= 0)
                {
                    messageStart = tokens[k].End;
                    i = k + 1;
                    break;
                }
            }
        }

        if (i < tokens.Count)
        {
            var token = Span(line, tokens[i]);
            if (token.Length > 2 && token[^1] == ':' && token[..^1].IndexOfAny('.', '$') > 0 && token[..^1].IndexOfAny(':', '[', '(') < 0)
            {
                component = token[..^1].ToString();
                messageStart = tokens[i].End;
                i++;
            }
        }

        if (i < tokens.Count && Span(line, tokens[i]) is ['-'] or [':'])
        {
            messageStart = tokens[i].End;
            i++;
        }

        return i;
    }

    private static bool AllHeaderFields(string line, List<TokenRange> tokens, int from, int to, bool loose)
    {
        for (var k = from; k < to; k++)
        {
            var token = Span(line, tokens[k]);
            if (!IsHeaderField(token) && !(loose && IsLooseField(token)))
            {
                return false;
            }
        }

        return true;
    }

    // A short word or id without a trailing colon.
    private static bool IsLooseField(ReadOnlySpan<char> token) => token.Length <= 32 && IsFieldWord(token);

    private static bool IsFieldWord(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty || !char.IsAsciiLetterOrDigit(token[0]))
        {
            return false;
        }

        foreach (var c in token)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_' and not '.')
            {
                return false;
            }
        }

        return true;
    }

    // 1.4.1: (a version number closing a syslog tag)
    private static bool IsVersionTag(ReadOnlySpan<char> token)
    {
        if (token.Length < 3 || token[^1] != ':' || !char.IsAsciiDigit(token[0]))
        {
            return false;
        }

        foreach (var c in token[..^1])
        {
            if (!char.IsAsciiDigit(c) && c != '.')
            {
                return false;
            }
        }

        return true;
    }

    // Numbers, dashes, host names and ids (letters, digits, . _ - : with a digit or a dot/underscore), upper-case words.
    private static bool IsHeaderField(ReadOnlySpan<char> token)
    {
        if (token is "-" or "--" || IsUpperWord(token))
        {
            return true;
        }

        if (token.Length > 64 || token[^1] == ':')
        {
            return false;
        }

        var marked = false;
        foreach (var c in token)
        {
            if (char.IsAsciiDigit(c) || c is '.' or '_')
            {
                marked = true;
            }
            else if (!char.IsAsciiLetter(c) && c is not '-' and not ':')
            {
                return false;
            }
        }

        return marked;
    }

    private static bool IsUpperWord(ReadOnlySpan<char> token)
    {
        if (token.Length < 2)
        {
            return false;
        }

        foreach (var c in token)
        {
            if (!char.IsAsciiLetterUpper(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNumber(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty || token.Length > 12)
        {
            return false;
        }

        foreach (var c in token)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryLevel(string line, TokenRange t, out string level, out bool bracketed)
    {
        var token = Span(line, t);
        bracketed = token.Length > 2 && ((token[0] == '[' && token[^1] == ']') || (token[0] == '<' && token[^1] == '>'));
        var word = bracketed ? token[1..^1] : token.Length > 1 && token[^1] == ':' ? token[..^1] : token;
        foreach (var candidate in BareLevels)
        {
            if (bracketed ? word.Equals(candidate, StringComparison.OrdinalIgnoreCase) : word.SequenceEqual(candidate))
            {
                level = word.ToString();
                return true;
            }
        }

        level = string.Empty;
        return false;
    }

    // prog:, prog[123]:, prog(sub)[123]: with a letter first.
    private static bool TryTag(ReadOnlySpan<char> token, out string tag)
    {
        tag = string.Empty;
        if (token.Length < 2 || token[^1] != ':' || !char.IsAsciiLetter(token[0]) || token.Length > 64)
        {
            return false;
        }

        var body = token[..^1];
        var end = body.IndexOfAny('[', '(');
        var name = end < 0 ? body : body[..end];
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_' and not '.' and not '/')
            {
                return false;
            }
        }

        if (end >= 0 && body[^1] is not ']' and not ')')
        {
            return false;
        }

        tag = name.ToString();
        return true;
    }

    private static int TryTimestamp(string line, List<TokenRange> tokens, int i, int? assumedYear, out DateTimeOffset? value)
    {
        value = null;
        var t0 = Span(line, tokens[i]);
        var t1 = i + 1 < tokens.Count ? Span(line, tokens[i + 1]) : default;

        // [Sun Dec 04 04:47:44 2005], [10/Oct/2000:13:55:36 -0700], [2015-01-01 10:00:00]
        if (t0.Length > 1 && t0[0] == '[')
        {
            for (var k = i; k < tokens.Count && k < i + 6; k++)
            {
                if (Span(line, tokens[k]).EndsWith(']'))
                {
                    var inner = line.AsSpan(tokens[i].Start + 1, tokens[k].End - tokens[i].Start - 2);
                    if (TryParseText(inner, assumedYear, out value))
                    {
                        return k - i + 1;
                    }

                    break;
                }
            }

            return 0;
        }

        if (i + 4 < tokens.Count && IsName(t0, Days) && IsName(t1, Months))
        {
            var text = line.AsSpan(tokens[i].Start, tokens[i + 4].End - tokens[i].Start);
            if (TryParseText(text, assumedYear, out value))
            {
                return 5;
            }
        }

        if (i + 2 < tokens.Count && IsName(t0, Months) && t1.Length is 1 or 2 && IsNumber(t1) && IsClock(Span(line, tokens[i + 2])))
        {
            value = ParseSyslog(line.AsSpan(tokens[i].Start, tokens[i + 2].End - tokens[i].Start), assumedYear);
            return 3;
        }

        // 2015-10-18 18:01:47,978 / 2015/10/18 18:01:47 / 17/06/09 20:10:40
        if (IsDate(t0) && !t1.IsEmpty && IsClock(t1))
        {
            var text = line.AsSpan(tokens[i].Start, tokens[i + 1].End - tokens[i].Start);
            value = ParseDateTime(text);
            return 2;
        }

        // 081109 203615
        if (t0.Length == 6 && IsNumber(t0) && t1.Length == 6 && IsNumber(t1))
        {
            value = ParseCompact(t0, t1);
            return 2;
        }

        // 2015-10-18T18:01:47.978Z, 2005-06-03-15.42.50.675872, 2005.06.03
        if (t0.Length >= 10 && char.IsAsciiDigit(t0[0]) && (IsIsoInstant(t0) || IsDashedInstant(t0) || IsDottedDate(t0)))
        {
            value = ParseDateTime(t0);
            return 1;
        }

        if (IsNumber(t0) && TryEpoch(t0, out var epoch))
        {
            value = epoch;
            return 1;
        }

        return 0;
    }

    private static bool TryParseText(ReadOnlySpan<char> text, int? assumedYear, out DateTimeOffset? value)
    {
        value = null;
        string[] formats = ["ddd MMM dd HH:mm:ss yyyy", "ddd MMM d HH:mm:ss yyyy", "dd/MMM/yyyy:HH:mm:ss zzz"];
        var normalized = text.ToString();
        if (DateTimeOffset.TryParseExact(normalized, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            value = parsed;
            return true;
        }

        var compactZone = normalized.Length > 5 && normalized[^5] is '+' or '-' ? normalized[..^2] + ":" + normalized[^2..] : normalized;
        if (DateTimeOffset.TryParseExact(compactZone, "dd/MMM/yyyy:HH:mm:ss zzz", CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out parsed))
        {
            value = parsed;
            return true;
        }

        var tokens = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 2 && IsDate(tokens[0]) && IsClock(tokens[1]))
        {
            value = ParseDateTime(normalized);
            return true;
        }

        if (tokens.Length == 3 && IsName(tokens[0], Months) && IsClock(tokens[2]))
        {
            value = ParseSyslog(normalized, assumedYear);
            return true;
        }

        return false;
    }

    private static bool IsName(ReadOnlySpan<char> token, string[] names)
    {
        foreach (var name in names)
        {
            if (token.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsClock(ReadOnlySpan<char> token)
    {
        // HH:mm:ss with optional ,fff or .fff
        if (token.Length < 8 || !(char.IsAsciiDigit(token[0]) && char.IsAsciiDigit(token[1]) && token[2] == ':'
            && char.IsAsciiDigit(token[3]) && char.IsAsciiDigit(token[4]) && token[5] == ':' && char.IsAsciiDigit(token[6]) && char.IsAsciiDigit(token[7])))
        {
            return false;
        }

        return token.Length == 8 || (token[8] is ',' or '.' && token.Length > 9 && IsNumber(token[9..]));
    }

    private static bool IsDate(ReadOnlySpan<char> token)
    {
        // yyyy-MM-dd, yyyy/MM/dd, yy/MM/dd
        if (token.Length == 10)
        {
            return IsNumber(token[..4]) && token[4] is '-' or '/' && IsNumber(token[5..7]) && token[7] == token[4] && IsNumber(token[8..]);
        }

        return token.Length == 8 && IsNumber(token[..2]) && token[2] == '/' && IsNumber(token[3..5]) && token[5] == '/' && IsNumber(token[6..]);
    }

    private static bool IsIsoInstant(ReadOnlySpan<char> token) =>
        token.Length >= 19 && IsDate(token[..10]) && token[10] == 'T' && IsClock(token[11..19]);

    private static bool IsDashedInstant(ReadOnlySpan<char> token) =>
        token.Length >= 19 && IsDate(token[..10]) && token[10] == '-' && IsNumber(token[11..13]) && token[13] == '.' && IsNumber(token[14..16]) && token[16] == '.' && IsNumber(token[17..19]);

    private static bool IsDottedDate(ReadOnlySpan<char> token) =>
        token.Length == 10 && IsNumber(token[..4]) && token[4] == '.' && IsNumber(token[5..7]) && token[7] == '.' && IsNumber(token[8..]);

    private static DateTimeOffset? ParseDateTime(ReadOnlySpan<char> text)
    {
        var s = text;
        int year;
        int rest;
        if (s.Length >= 8 && s[2] == '/' && (s.Length == 8 || s[8] == ' '))
        {
            year = 2000 + Read(s[..2]);
            rest = 3;
        }
        else if (s.Length >= 10)
        {
            year = Read(s[..4]);
            rest = 5;
        }
        else
        {
            return null;
        }

        var month = Read(s.Slice(rest, 2));
        var day = Read(s.Slice(rest + 3, 2));
        var timeStart = rest + 6;
        int hour = 0, minute = 0, second = 0;
        long fractionTicks = 0;
        if (s.Length >= timeStart + 8)
        {
            var clock = s[timeStart..];
            hour = Read(clock[..2]);
            minute = Read(clock.Slice(3, 2));
            second = Read(clock.Slice(6, 2));
            if (clock.Length > 9 && clock[8] is ',' or '.')
            {
                var digits = clock[9..];
                var end = 0;
                while (end < digits.Length && char.IsAsciiDigit(digits[end]))
                {
                    end++;
                }

                var fraction = digits[..Math.Min(end, 7)];
                if (!fraction.IsEmpty)
                {
                    fractionTicks = Read(fraction) * (long)Math.Pow(10, 7 - fraction.Length);
                }
            }
        }

        return Build(year, month, day, hour, minute, second, fractionTicks);
    }

    private static DateTimeOffset? ParseCompact(ReadOnlySpan<char> date, ReadOnlySpan<char> time) =>
        Build(2000 + Read(date[..2]), Read(date[2..4]), Read(date[4..]), Read(time[..2]), Read(time[2..4]), Read(time[4..]), 0);

    private static DateTimeOffset? ParseSyslog(ReadOnlySpan<char> text, int? assumedYear)
    {
        if (assumedYear is not { } year)
        {
            return null;
        }

        var parts = text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var month = Array.FindIndex(Months, m => m.Equals(parts[0], StringComparison.OrdinalIgnoreCase)) + 1;
        var clock = parts[2];
        return Build(year, month, int.Parse(parts[1], CultureInfo.InvariantCulture), Read(clock.AsSpan(0, 2)), Read(clock.AsSpan(3, 2)), Read(clock.AsSpan(6, 2)), 0);
    }

    private static bool TryEpoch(ReadOnlySpan<char> token, out DateTimeOffset? value)
    {
        value = null;
        if (token.Length is not (10 or 13) || !long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        // 2000-01-01 .. 2100-01-01, in seconds or milliseconds.
        const long From = 946_684_800;
        const long To = 4_102_444_800;
        if (token.Length == 10 && number is >= From and < To)
        {
            value = DateTimeOffset.FromUnixTimeSeconds(number);
            return true;
        }

        if (token.Length == 13 && number is >= From * 1000 and < To * 1000)
        {
            value = DateTimeOffset.FromUnixTimeMilliseconds(number);
            return true;
        }

        return false;
    }

    private static int Read(ReadOnlySpan<char> digits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;

    private static DateTimeOffset? Build(int year, int month, int day, int hour, int minute, int second, long fractionTicks)
    {
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).AddTicks(fractionTicks);
    }
}
