namespace Alpha.Sre.Evaluation.LogParsing;

/// <summary>The outcome of <see cref="LogParsingEvaluation.RunAsync"/>.</summary>
/// <param name="Protocol">How the miner was fed and scored, in one sentence.</param>
/// <param name="Systems">Scores per system when fed the labelled content (loghub-2.0's protocol after its header step).</param>
/// <param name="Average">Means over systems.</param>
/// <param name="LinesPerSecond">Mining throughput over all systems' content, single-threaded, best of the timed passes.</param>
/// <param name="RawLines">Scores when fed raw lines through the header splitter; null when not requested or no raw logs were found.</param>
public sealed record LogParsingReport(
    string Protocol,
    IReadOnlyList<SystemParsingResult> Systems,
    ParsingAverage Average,
    double LinesPerSecond,
    RawLineResults? RawLines);
