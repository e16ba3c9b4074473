using Alpha.Runtime.Schemas;
using Alpha.Sre.Evaluation.Csv;

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
    /// <exception cref="InvalidInputException">The folder does not exist.</exception>
    public static IReadOnlyList<string> FindStructuredFiles(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new InvalidInputException(directory, null, "directory", "does not exist; pass the loghub-2k folder (one subfolder per system)");
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

    /// <summary>
    /// Loads one structured file and, when it sits beside it, the raw log it was made from. Malformed rows (bad quoting, or a number of fields other than the header's) are skipped and listed in
    /// <see cref="LabeledLogSet.SkippedRows"/>.
    /// </summary>
    /// <exception cref="InvalidInputException">The file is empty or lacks a required column.</exception>
    public static async Task<LabeledLogSet> LoadAsync(string structuredPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(structuredPath);
        var skipped = new CsvSkipLog();
        var records = new List<(string[] Fields, long Line)>();
        using (var csv = CsvFileReader.Open(structuredPath, skipped))
        {
            while (csv.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                records.Add((csv.Texts(), csv.Line));
                csv.RequiredWidth ??= csv.Count;
            }
        }

        if (records.Count == 0)
        {
            throw new InvalidInputException(structuredPath, null, "header", "the file is empty; expected a header row with LineId, Content, EventId and EventTemplate");
        }

        var header = records[0].Fields;
        var lineIdColumn = Column(header, "LineId", structuredPath);
        var contentColumn = Column(header, "Content", structuredPath);
        var eventIdColumn = Column(header, "EventId", structuredPath);
        var templateColumn = Column(header, "EventTemplate", structuredPath);

        var rawPath = structuredPath[..^StructuredSuffix.Length] + ".log";
        string[]? raw = null;
        if (File.Exists(rawPath))
        {
            raw = await File.ReadAllLinesAsync(rawPath, cancellationToken);
        }

        // Raw lines pair with rows by position, so a skipped row (which shifts every later pair) drops the raw lines.
        var hasRaw = raw is not null && raw.Length == records.Count - 1 && skipped.Count == 0;
        var lines = new List<LabeledLogLine>(records.Count - 1);
        for (var i = 1; i < records.Count; i++)
        {
            var row = records[i].Fields;
            var lineId = int.TryParse(row[lineIdColumn], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : i;
            lines.Add(new LabeledLogLine(lineId, row[contentColumn], row[eventIdColumn], row[templateColumn], hasRaw ? raw![i - 1] : null));
        }

        return new LabeledLogSet(SystemName(structuredPath), structuredPath, lines, hasRaw) { SkippedRows = skipped.Rows };
    }

    private static int Column(string[] header, string name, string path)
    {
        var index = Array.IndexOf(header, name);
        return index >= 0
            ? index
            : throw new InvalidInputException(path, 1, name, $"the header has no '{name}' column (found: {string.Join(", ", header)})");
    }
}
