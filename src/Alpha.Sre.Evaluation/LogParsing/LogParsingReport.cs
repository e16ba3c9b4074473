using Alpha.Sre.Evaluation.Csv;

namespace Alpha.Sre.Evaluation.LogParsing;

/// <summary>The outcome of <see cref="LogParsingEvaluation.RunAsync"/>.</summary>
/// <param name="Protocol">How the miner was fed and scored, in one sentence.</param>
/// <param name="Systems">Scores per system when fed the labelled content (loghub-2.0's protocol after its header step).</param>
/// <param name="Average">Means over systems.</param>
/// <param name="LinesPerSecond">
/// Mining throughput, single-threaded: each system's content fed <see cref="LogParsingEvaluationOptions.TimedRepeats"/>
/// times in a row to a fresh miner, all systems, best of <see cref="LogParsingEvaluationOptions.TimedPasses"/> passes.
/// </param>
/// <param name="RawLines">Scores when fed raw lines through the header splitter; null when not requested or no raw logs were found.</param>
public sealed record LogParsingReport(
    string Protocol,
    IReadOnlyList<SystemParsingResult> Systems,
    ParsingAverage Average,
    double LinesPerSecond,
    RawLineResults? RawLines)
{
    /// <summary>Malformed rows of the structured CSVs that were skipped, over all systems (file, line, reason).</summary>
    public IReadOnlyList<CsvSkippedRow> SkippedRows { get; init; } = [];
}
