namespace Alpha.Sre.Signals.Evidence;

/// <summary>A recent commit: its timing against the onset, its size and the risky areas it touches (<see cref="Commits.ChangeRisk"/>).</summary>
/// <param name="Sha">The commit id.</param>
/// <param name="RiskAreas">Risky areas touched (connection-pool, timeouts, memory...).</param>
/// <param name="RiskFaults">The fault mechanisms those areas can cause (distinct).</param>
/// <param name="Files">Paths changed.</param>
/// <param name="Size">Lines added plus deleted.</param>
/// <param name="BeforeOnset">False when it came after the onset (it cannot have caused it).</param>
/// <param name="MinutesBeforeOnset">Whole minutes before the onset, when within the recent window.</param>
public sealed record CommitRisk(
    string Sha,
    IReadOnlyList<string> RiskAreas,
    IReadOnlyList<string> RiskFaults,
    IReadOnlyList<string> Files,
    int Size,
    bool BeforeOnset,
    double? MinutesBeforeOnset = null) : SreEvidence;
