namespace Alpha.Sre.Evaluation.LogParsing;

/// <summary>
/// Loads the loghub-2.0 layout: one folder per system holding <c>{System}_{size}.log</c> (raw lines) and
/// <c>{System}_{size}.log_structured_corrected.csv</c> (columns <c>LineId</c>, header fields, <c>Content</c>,
/// <c>EventId</c>, <c>EventTemplate</c>). A flat folder of such files is accepted too.
/// </summary>
public static class LoghubLoader
{
    /// <summary>The suffix of a corrected structured file.</summary>
    public const string StructuredSuffix = ".log_structured_corrected.csv";

    /// <summary>Finds the structured files under <paramref name="directory"/> (the folder itself and its direct subfolders), ordered by system name.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IReadOnlyList<string> FindStructuredFiles(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Log parsing data folder '{directory}' does not exist; pass the loghub-2k folder (one subfolder per system).");
        }

        var files = Directory.EnumerateFiles(directory, "*" + StructuredSuffix, SearchOption.TopDirectoryOnly)
            .Concat(Directory.EnumerateDirectories(directory)
                .SelectMany(sub => Directory.EnumerateFiles(sub, "*" + StructuredSuffix, SearchOption.TopDirectoryOnly)));
        return [.. files.OrderBy(SystemName, StringComparer.OrdinalIgnoreCase).ThenBy(f => f, StringComparer.Ordinal)];
    }

    /// <summary>The system a structured file belongs to: its name up to the first underscore.</summary>
    public static string SystemName(string structuredPath)
    {
        var name = Path.GetFileName(structuredPath);
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        return underscore > 0 ? name[..underscore] : name[..^StructuredSuffix.Length];
    }

    /// <summary>Loads one structured file and, when it sits beside it, the raw log it was made from.</summary>
    /// <exception cref="FormatException">The CSV lacks a required column, or a row has a different number of fields than the header.</exception>
    public static async Task<LabeledLogSet> LoadAsync(string structuredPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(structuredPath);
        var text = await File.ReadAllTextAsync(structuredPath, cancellationToken);
        var records = CsvRecordReader.ParseAll(text);
        if (records.Count == 0)
        {
            throw new FormatException($"{structuredPath}: the file is empty; expected a header row with LineId, Content, EventId and EventTemplate.");
        }

        var header = records[0];
        var lineIdColumn = Column(header, "LineId", structuredPath);
        var contentColumn = Column(header, "Content", structuredPath);
        var eventIdColumn = Column(header, "EventId", structuredPath);
        var templateColumn = Column(header, "EventTemplate", structuredPath);

        var rawPath = structuredPath[..^StructuredSuffix.Length] + ".log";
        string[]? raw = null;
        if (File.Exists(rawPath))
        {
            raw = await File.ReadAllLinesAsync(rawPath, cancellationToken);
            if (raw.Length > 0 && raw.Length == records.Count && raw[^1].Length == 0)
            {
                raw = raw[..^1];
            }
        }

        var hasRaw = raw is not null && raw.Length == records.Count - 1;
        var lines = new List<LabeledLogLine>(records.Count - 1);
        for (var i = 1; i < records.Count; i++)
        {
            var row = records[i];
            if (row.Length != header.Length)
            {
                throw new FormatException($"{structuredPath}, record {i + 1}: {row.Length} fields where the header has {header.Length}; check the quoting of that row.");
            }

            var lineId = int.TryParse(row[lineIdColumn], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : i;
            lines.Add(new LabeledLogLine(lineId, row[contentColumn], row[eventIdColumn], row[templateColumn], hasRaw ? raw![i - 1] : null));
        }

        return new LabeledLogSet(SystemName(structuredPath), structuredPath, lines, hasRaw);
    }

    private static int Column(string[] header, string name, string path)
    {
        var index = Array.IndexOf(header, name);
        return index >= 0
            ? index
            : throw new FormatException($"{path}: the header has no '{name}' column (found: {string.Join(", ", header)}).");
    }
}
