namespace Alpha.Sre.Evaluation.Csv;

/// <summary>
/// Collects the malformed rows that <see cref="CsvFileReader"/>s skipped, once per file and line (a file read
/// twice, e.g. for two overlapping incident windows, counts its bad rows once). Not thread-safe.
/// </summary>
public sealed class CsvSkipLog
{
    private readonly List<CsvSkippedRow> _rows = [];
    private readonly HashSet<(string, long)> _seen = [];

    /// <summary>How many distinct rows were skipped.</summary>
    public int Count => _rows.Count;

    /// <summary>A copy of the skipped rows, in the order they were met.</summary>
    public IReadOnlyList<CsvSkippedRow> Rows => [.. _rows];

    /// <summary>Records a skipped row (ignored when that file and line were recorded already).</summary>
    public void Add(string file, long line, string reason)
    {
        if (_seen.Add((file, line)))
        {
            _rows.Add(new CsvSkippedRow(file, line, reason));
        }
    }
}
