namespace Alpha.Sre.Evaluation.LogParsing;

/// <summary>Scores when the miner is fed raw lines cut by the generic header splitter instead of the labelled content.</summary>
/// <param name="Systems">Per system, with the share of lines whose split message equals the content.</param>
/// <param name="Average">Means over systems.</param>
public sealed record RawLineResults(IReadOnlyList<SystemParsingResult> Systems, ParsingAverage Average);
