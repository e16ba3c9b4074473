namespace Alpha.Sre.Evaluation.LogParsing;

/// <summary>One held-out system: the settings chosen on the other systems, and its scores with them.</summary>
/// <param name="System">The held-out system.</param>
/// <param name="Chosen">The miner settings and header share chosen on the other systems.</param>
/// <param name="Content">Scores on the labelled content column.</param>
/// <param name="Raw">Scores from raw lines (header learned from the file), when the raw log is present.</param>
public sealed record LosoSystemResult(string System, string Chosen, SystemParsingResult Content, SystemParsingResult? Raw);
