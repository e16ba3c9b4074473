namespace Alpha.Sre.Evaluation.Csv;

/// <summary>A malformed CSV row that a reader skipped.</summary>
/// <param name="File">The file it was read from.</param>
/// <param name="Line">The 1-based physical line on which the row starts.</param>
/// <param name="Reason">What is wrong with it.</param>
public sealed record CsvSkippedRow(string File, long Line, string Reason);
