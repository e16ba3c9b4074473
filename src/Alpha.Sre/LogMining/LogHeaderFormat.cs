namespace Alpha.Sre.LogMining;

/// <summary>
/// The header layout of one log file, learned from its own lines by <see cref="LogHeaderLearner"/>: how many
/// fields the header has, the shape of each, what marks its last field, and which field is the level. Cuts
/// lines of that file into header and message; a line that does not fit the layout (a continuation line, a
/// stack frame) is all message.
/// </summary>
public sealed class LogHeaderFormat
{
    /// <summary>The format of a file without a recognised header: every line is all message.</summary>
    public static readonly LogHeaderFormat None = new([], HeaderEnd.None, -1, 0);

    private readonly HeaderFieldKind[] _kinds;

    internal LogHeaderFormat(HeaderFieldKind[] kinds, HeaderEnd end, int levelField, double support)
    {
        _kinds = kinds;
        End = end;
        LevelField = levelField;
        Support = support;
    }

    /// <summary>The number of header fields (0: no header).</summary>
    public int FieldCount => _kinds.Length;

    /// <summary>What marks the header's last field.</summary>
    public HeaderEnd End { get; }

    /// <summary>The header field that holds the level, or -1.</summary>
    public int LevelField { get; }

    /// <summary>The share of the learning sample whose lines fit the layout.</summary>
    public double Support { get; }

    /// <summary>A short description: field shapes and the end mark, e.g. <c>Number Number Word Word | Colon</c>.</summary>
    public override string ToString() => FieldCount == 0 ? "none" : $"{string.Join(' ', _kinds)} | {End}";

    /// <summary>Cuts one line of the file into its header fields and message.</summary>
    /// <param name="line">The raw line.</param>
    /// <param name="assumedYear">The year for timestamps that carry none (syslog); without it such timestamps are not read.</param>
    public LogLineParts Split(string line, int? assumedYear = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (FieldCount == 0)
        {
            return new LogLineParts(line.Trim(), null, null, null);
        }

        var fields = HeaderField.Cut(line, FieldCount + 3);
        if (fields.Count < FieldCount)
        {
            return new LogLineParts(line.Trim(), null, null, null);
        }

        var mismatches = 0;
        for (var p = 0; p < FieldCount - 1; p++)
        {
            if (LogHeaderLearner.KindOf(fields[p].Text(line)) != _kinds[p])
            {
                mismatches++;
            }
        }

        // One field of another shape is tolerated in a long header (a host written as an address).
        if (mismatches > (FieldCount >= 4 ? 1 : 0))
        {
            return new LogLineParts(line.Trim(), null, null, null);
        }

        var last = FieldCount - 1;
        if (End == HeaderEnd.Colon && !fields[last].Text(line).EndsWith(':'))
        {
            // A tag written in two fields ("syslogd 1.4.1:", "chatty  :") ends a field or two later.
            for (var k = last + 1; k < fields.Count && k <= last + 2; k++)
            {
                if (fields[k].Text(line).EndsWith(':'))
                {
                    last = k;
                    break;
                }
            }
        }

        var message = line.AsSpan(fields[last].End).TrimStart(" \t|").Trim().ToString();
        string? level = null;
        if (LevelField >= 0 && LevelField <= last && LogHeaderLearner.IsLevel(fields[LevelField].Text(line)))
        {
            level = LogHeaderLearner.LevelText(fields[LevelField].Text(line));
        }

        return new LogLineParts(message, Timestamp(line, fields, last, assumedYear), level, Component(line, fields, last));
    }

    private static DateTimeOffset? Timestamp(string line, List<HeaderField> fields, int last, int? assumedYear)
    {
        var tokens = new List<LogLineSplitter.TokenRange>();
        var i = 0;
        var end = fields[last].End;
        while (i < end)
        {
            while (i < end && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            var start = i;
            while (i < end && !char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            if (i > start)
            {
                tokens.Add(new LogLineSplitter.TokenRange(start, i));
            }
        }

        for (var t = 0; t < tokens.Count; t++)
        {
            if (HeaderTimestamps.TryTimestamp(line, tokens, t, assumedYear, out var value) > 0 && value is not null)
            {
                return value;
            }
        }

        return null;
    }

    // The program or logger: the tag that ends the header (without its [pid] and colon), else the last word
    // field that is not the level.
    private string? Component(string line, List<HeaderField> fields, int last)
    {
        for (var p = last; p >= 0; p--)
        {
            var text = fields[p].Text(line);
            if (p == LevelField || LogHeaderLearner.KindOf(text) != HeaderFieldKind.Word || LogHeaderLearner.IsLevel(text))
            {
                continue;
            }

            text = text.TrimEnd(':');
            var bracket = text.IndexOfAny('[', '(');
            if (bracket > 0)
            {
                text = text[..bracket];
            }

            return text.IsEmpty ? null : text.ToString();
        }

        return null;
    }
}
