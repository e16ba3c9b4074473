namespace Alpha.Sre.Signals.Evidence;

/// <summary>A recent rollout and its timing against the onset.</summary>
/// <param name="FromVersion">The version replaced, when given.</param>
/// <param name="ToVersion">The version rolled out, when given.</param>
/// <param name="BeforeOnset">False when it started after the onset.</param>
/// <param name="MinutesBeforeOnset">Whole minutes before the onset, when within the recent window.</param>
public sealed record DeploymentChange(string? FromVersion, string? ToVersion, bool BeforeOnset, double? MinutesBeforeOnset = null) : SreEvidence;
