namespace Alpha.Sre.LogMining;

/// <summary>
/// Cuts a raw log line into (timestamp, level, component, message) without knowing the system that wrote it.
/// It recognises common timestamp shapes (ISO 8601, syslog <c>Jun 14 15:16:01</c>, asctime, bracketed asctime,
/// compact <c>yyMMdd HHmmss</c>, dotted and dashed variants, Unix epochs), level words (bare upper-case such as
/// <c>INFO</c>, or bracketed in any case such as <c>[notice]</c>), syslog tags (<c>sshd[42]:</c>) and Java-style
/// thread and logger fields after a level (<c>[main] org.acme.Foo:</c>). Fields before a timestamp or level are
/// taken as header only when they look like header fields (numbers, host names, ids, upper-case words).
/// When nothing is recognised the whole line is the message. A JSON object line is read by its fields
/// (<see cref="JsonLogLine"/>).
/// </summary>
public static class LogLineSplitter
{
    private const int MaxHeaderTokens = 12;
    private const int MaxLeadingFields = 6;

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
        if (JsonLogLine.TryParse(line) is { } structured)
        {
            return structured;
        }

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
            var consumed = HeaderTimestamps.TryTimestamp(line, tokens, i, assumedYear, out var value);
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

    internal readonly record struct TokenRange(int Start, int End);

    internal static ReadOnlySpan<char> Span(string line, TokenRange t) => line.AsSpan(t.Start, t.End - t.Start);

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

    internal static bool IsNumber(ReadOnlySpan<char> token)
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
}
