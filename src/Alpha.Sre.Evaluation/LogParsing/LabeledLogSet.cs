using Alpha.Sre.Evaluation.Csv;

namespace Alpha.Sre.Evaluation.LogParsing;

/// <summary>The labelled lines of one system of a loghub-style data set.</summary>
/// <param name="System">The system name (for example <c>HDFS</c>), taken from the file name.</param>
/// <param name="StructuredPath">The structured CSV the labels came from.</param>
/// <param name="Lines">The lines in log order.</param>
/// <param name="HasRawLines">Whether every line carries its raw text (the raw log existed and had as many lines as the CSV).</param>
public sealed record LabeledLogSet(string System, string StructuredPath, IReadOnlyList<LabeledLogLine> Lines, bool HasRawLines)
{
    /// <summary>Malformed rows of the structured CSV that were skipped (file, line, reason).</summary>
    public IReadOnlyList<CsvSkippedRow> SkippedRows { get; init; } = [];
}
