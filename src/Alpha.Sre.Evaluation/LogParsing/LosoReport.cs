namespace Alpha.Sre.Evaluation.LogParsing;

/// <summary>A leave-one-system-out run of the log template miner (see <see cref="LeaveOneSystemOut"/>).</summary>
/// <param name="Protocol">How the settings were chosen and scored.</param>
/// <param name="Candidates">The number of miner settings tried per held-out system.</param>
/// <param name="Systems">Per held-out system.</param>
/// <param name="Content">Spread of the content-column scores over the held-out systems.</param>
/// <param name="Raw">Spread of the raw-line scores, when raw logs were present.</param>
public sealed record LosoReport(string Protocol, int Candidates, IReadOnlyList<LosoSystemResult> Systems, LosoSpread Content, LosoSpread? Raw);
