namespace Alpha.Mcp.Results;

/// <summary>The answer of <c>analyze_incident</c>.</summary>
/// <param name="RunId">The ledger's run id (describe_run reads it again).</param>
/// <param name="TaskId">The task id of the run's frames.</param>
/// <param name="Hypotheses">The ranked hypotheses, best first.</param>
/// <param name="RequiresHumanReview">True when the answer should not be trusted unreviewed.</param>
/// <param name="ReviewReasons">Why review is required.</param>
/// <param name="Signals">How many signals were extracted from the incident.</param>
/// <param name="DurationMs">Wall time of the analysis.</param>
public sealed record IncidentAnalysisView(
    string RunId,
    string TaskId,
    IReadOnlyList<HypothesisView> Hypotheses,
    bool RequiresHumanReview,
    IReadOnlyList<string> ReviewReasons,
    int Signals,
    double DurationMs);
