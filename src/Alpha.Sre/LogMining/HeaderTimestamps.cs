using System.Globalization;

namespace Alpha.Sre.LogMining;

/// <summary>The timestamp shapes <see cref="LogLineSplitter"/> recognises in a header, and how each is read.</summary>
internal static class HeaderTimestamps
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly string[] Days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    public static int TryTimestamp(string line, List<LogLineSplitter.TokenRange> tokens, int i, int? assumedYear, out DateTimeOffset? value)
    {
        value = null;
        var t0 = LogLineSplitter.Span(line, tokens[i]);
        var t1 = i + 1 < tokens.Count ? LogLineSplitter.Span(line, tokens[i + 1]) : default;

        // [Sun Dec 04 04:47:44 2005], [10/Oct/2000:13:55:36 -0700], [2015-01-01 10:00:00]
        if (t0.Length > 1 && t0[0] == '[')
        {
            for (var k = i; k < tokens.Count && k < i + 6; k++)
            {
                if (LogLineSplitter.Span(line, tokens[k]).EndsWith(']'))
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

        if (i + 2 < tokens.Count && IsName(t0, Months) && t1.Length is 1 or 2 && LogLineSplitter.IsNumber(t1) && IsClock(LogLineSplitter.Span(line, tokens[i + 2])))
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
        if (t0.Length == 6 && LogLineSplitter.IsNumber(t0) && t1.Length == 6 && LogLineSplitter.IsNumber(t1))
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

        if (LogLineSplitter.IsNumber(t0) && TryEpoch(t0, out var epoch))
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

        return token.Length == 8 || (token[8] is ',' or '.' && token.Length > 9 && LogLineSplitter.IsNumber(token[9..]));
    }

    private static bool IsDate(ReadOnlySpan<char> token)
    {
        // yyyy-MM-dd, yyyy/MM/dd, yy/MM/dd
        if (token.Length == 10)
        {
            return LogLineSplitter.IsNumber(token[..4]) && token[4] is '-' or '/' && LogLineSplitter.IsNumber(token[5..7]) && token[7] == token[4] && LogLineSplitter.IsNumber(token[8..]);
        }

        return token.Length == 8 && LogLineSplitter.IsNumber(token[..2]) && token[2] == '/' && LogLineSplitter.IsNumber(token[3..5]) && token[5] == '/' && LogLineSplitter.IsNumber(token[6..]);
    }

    private static bool IsIsoInstant(ReadOnlySpan<char> token) =>
        token.Length >= 19 && IsDate(token[..10]) && token[10] == 'T' && IsClock(token[11..19]);

    private static bool IsDashedInstant(ReadOnlySpan<char> token) =>
        token.Length >= 19 && IsDate(token[..10]) && token[10] == '-' && LogLineSplitter.IsNumber(token[11..13]) && token[13] == '.' && LogLineSplitter.IsNumber(token[14..16]) && token[16] == '.' && LogLineSplitter.IsNumber(token[17..19]);

    private static bool IsDottedDate(ReadOnlySpan<char> token) =>
        token.Length == 10 && LogLineSplitter.IsNumber(token[..4]) && token[4] == '.' && LogLineSplitter.IsNumber(token[5..7]) && token[7] == '.' && LogLineSplitter.IsNumber(token[8..]);

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
