namespace Alpha.Sre.LogMining;

/// <summary>
/// Learns the header of a log format from the file itself, with no list of formats: the first lines are cut
/// into fields (white space; a bracketed group is one field) and, column by column, the learner counts each
/// field's shape (number, word, bracket, mark) and whether it ends the way header fields end (a colon, a
/// bracket, a number, a level word, a run of white space before the next column). The header is the longest
/// run of leading columns whose shape holds on at least <see cref="MinColumnShare"/> of the lines and whose
/// last column is such an end on as many lines, provided the run holds a time or a level column (so that a
/// file of bare messages is not given a header). Marks of syntax (a colon, a bracket, a level, a column gap, a
/// lone separator) end a header before a bare number does; among ends of the same strength the last wins.
/// Lines that mask (<see cref="LogVariableMasker"/>) to the same text count once, so that one frequent event's
/// wording does not pass for header columns. What follows the header is the message.
/// </summary>
public static class LogHeaderLearner
{
    /// <summary>The share of lines a column's shape and its end mark must hold on.</summary>
    public const double MinColumnShare = 0.9;

    /// <summary>The lines learned from by default.</summary>
    public const int SampleLines = 1000;

    // Level names of the common conventions (syslog, log4j/slf4j, java.util.logging, .NET, Windows, Go, glog
    // and Android's one-letter levels), compared without case.
    private static readonly string[] LevelWords =
    [
        "TRACE", "DEBUG", "DBG", "FINE", "FINER", "FINEST", "CONFIG", "VERBOSE", "INFO", "INFORMATION", "NOTICE", "WARN",
        "WARNING", "ERROR", "ERR", "SEVERE", "FATAL", "CRITICAL", "CRIT", "ALERT", "EMERG", "EMERGENCY", "PANIC",
    ];

    private const string LevelLetters = "VDIWEFA";

    /// <summary>Learns the header layout from (the first lines of) a file.</summary>
    /// <param name="lines">The file's lines; the first <paramref name="sampleLines"/> non-empty ones are read.</param>
    /// <param name="sampleLines">How many lines to learn from.</param>
    /// <param name="minColumnShare">The share of lines a column's shape and end mark must hold on (0.5..1).</param>
    public static LogHeaderFormat Learn(IEnumerable<string> lines, int sampleLines = SampleLines, double minColumnShare = MinColumnShare)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleLines, 1);
        if (!(minColumnShare is >= 0.5 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minColumnShare), minColumnShare, "must be between 0.5 and 1");
        }

        const int columns = HeaderField.MaxFields;
        var kinds = new int[columns, 4];
        var ends = new int[columns, 7];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var read = 0;
        var timeLike = new int[columns];
        var n = 0;
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (++read > sampleLines)
            {
                break;
            }

            // One event repeated many times is one piece of evidence about the columns, not many.
            if (!seen.Add(LogVariableMasker.MaskMessage(line)))
            {
                continue;
            }

            var fields = HeaderField.Cut(line, columns + 1);
            for (var p = 0; p < columns && p < fields.Count; p++)
            {
                var text = fields[p].Text(line);
                var kind = KindOf(text);
                kinds[p, (int)kind]++;
                var isLast = p == fields.Count - 1;
                if (!isLast)
                {
                    // A column's end marks count only where a message follows.
                    // A tag written in two fields ("Microsoft Word[42]:", "syslogd 1.4.1:") ends one field
                    // later, as LogHeaderFormat.Split reads it.
                    if (text.EndsWith(':') || (p + 2 < fields.Count && fields[p + 1].Text(line).EndsWith(':') && !LooksLikeColonEnd(fields, p - 1, line)))
                    {
                        ends[p, (int)HeaderEnd.Colon]++;
                    }

                    if (kind == HeaderFieldKind.Bracket)
                    {
                        ends[p, (int)HeaderEnd.Bracket]++;
                    }

                    if (kind == HeaderFieldKind.Number)
                    {
                        ends[p, (int)HeaderEnd.Number]++;
                    }

                    if (IsLevel(text))
                    {
                        ends[p, (int)HeaderEnd.Level]++;
                    }

                    if (fields[p].Gap >= 2)
                    {
                        ends[p, (int)HeaderEnd.Gap]++;
                    }

                    if (kind == HeaderFieldKind.Mark)
                    {
                        ends[p, (int)HeaderEnd.Mark]++;
                    }
                }

                if (IsTimeLike(text))
                {
                    timeLike[p]++;
                }
            }

            n++;
        }

        if (n == 0)
        {
            return LogHeaderFormat.None;
        }

        var need = minColumnShare * n;
        var shapes = new List<HeaderFieldKind>();
        var best = (Length: 0, End: HeaderEnd.None, Support: 0.0);
        var bestNumber = (Length: 0, End: HeaderEnd.None, Support: 0.0);
        var anchored = false;
        for (var p = 0; p < columns; p++)
        {
            var kind = Dominant(kinds, p, out var count);
            if (count < need)
            {
                break;
            }

            shapes.Add(kind);
            anchored |= timeLike[p] >= need || ends[p, (int)HeaderEnd.Level] >= need;
            if (!anchored)
            {
                continue;
            }

            // The strongest end mark of this column; a colon (a tag or a logger) is the clearest.
            var end = HeaderEnd.None;
            var support = 0;
            foreach (var candidate in (ReadOnlySpan<HeaderEnd>)[HeaderEnd.Colon, HeaderEnd.Bracket, HeaderEnd.Level, HeaderEnd.Gap, HeaderEnd.Mark])
            {
                if (ends[p, (int)candidate] >= need && ends[p, (int)candidate] > support)
                {
                    end = candidate;
                    support = ends[p, (int)candidate];
                }
            }

            if (end != HeaderEnd.None)
            {
                best = (p + 1, end, (double)support / n);
            }
            else if (ends[p, (int)HeaderEnd.Number] >= need)
            {
                bestNumber = (p + 1, HeaderEnd.Number, (double)ends[p, (int)HeaderEnd.Number] / n);
            }
        }

        if (best.Length == 0)
        {
            best = bestNumber;
        }

        if (best.Length == 0)
        {
            return LogHeaderFormat.None;
        }

        var levelField = -1;
        for (var p = 0; p < best.Length; p++)
        {
            if (ends[p, (int)HeaderEnd.Level] >= need)
            {
                levelField = p;
            }
        }

        return new LogHeaderFormat([.. shapes.Take(best.Length)], best.End, levelField, best.Support);
    }

    private static bool LooksLikeColonEnd(List<HeaderField> fields, int p, string line) => p >= 0 && fields[p].Text(line).EndsWith(':');

    internal static HeaderFieldKind KindOf(ReadOnlySpan<char> text)
    {
        if (text.Length > 1 && text[0] == '[' && text[^1] is ']' or ':')
        {
            return HeaderFieldKind.Bracket;
        }

        if (text.IndexOfAnyInRange('A', 'Z') >= 0 || text.IndexOfAnyInRange('a', 'z') >= 0)
        {
            return HeaderFieldKind.Word;
        }

        return text.IndexOfAnyInRange('0', '9') >= 0 ? HeaderFieldKind.Number : HeaderFieldKind.Mark;
    }

    /// <summary>Whether a field is a level word (brackets and a trailing colon or comma aside).</summary>
    internal static bool IsLevel(ReadOnlySpan<char> text)
    {
        var word = Bare(text);
        if (word.Length == 1)
        {
            return LevelLetters.Contains(word[0]);
        }

        foreach (var level in LevelWords)
        {
            if (word.Equals(level, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    internal static string LevelText(ReadOnlySpan<char> text) => Bare(text).ToString();

    private static ReadOnlySpan<char> Bare(ReadOnlySpan<char> text) => text.Trim("[]<>:,");

    // A date, a clock or an epoch: digits with date or clock separators, or 9 to 13 digits.
    private static bool IsTimeLike(ReadOnlySpan<char> text)
    {
        var inner = text.Trim("[]<>,");
        var digits = 0;
        var separators = 0;
        foreach (var c in inner)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is ':' or '-' or '/' or '.' or 'T')
            {
                separators++;
            }
        }

        if (digits == inner.Length)
        {
            return digits is >= 9 and <= 13 || digits == 6;
        }

        return digits >= 4 && digits + separators >= inner.Length - 4 && (inner.IndexOf(':') >= 0 || separators >= 2);
    }

    private static HeaderFieldKind Dominant(int[,] kinds, int p, out int count)
    {
        var best = 0;
        for (var k = 1; k < 4; k++)
        {
            if (kinds[p, k] > kinds[p, best])
            {
                best = k;
            }
        }

        count = kinds[p, best];
        return (HeaderFieldKind)best;
    }
}
