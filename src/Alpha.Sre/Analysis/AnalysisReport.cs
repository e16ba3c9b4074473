using Alpha.Runtime.Judging;
using Alpha.Runtime.Schemas;

namespace Alpha.Sre.Analysis;

/// <summary>
/// What <c>alpha analyze --json</c> prints: the runtime's ExecutionResult in the documented shape
/// (docs/analysis-output.md) plus the synthesis.
/// </summary>
/// <param name="ExecutionId">The execution.</param>
/// <param name="DeploymentId">The incident's deployment id.</param>
/// <param name="RequiresHumanReview">Whether a person must review before acting.</param>
/// <param name="ReviewReasons">Why.</param>
/// <param name="RankedHypotheses">Best first, each with service, fault_type, confidence, score, evidence and agents.</param>
/// <param name="SignalsUsed">Every extracted signal.</param>
/// <param name="Agents">Each agent's mode, outcome and time.</param>
/// <param name="Rejected">The judge's rejections.</param>
/// <param name="Synthesis">The written conclusion.</param>
/// <param name="DurationMs">Total wall time of the analysis.</param>
public sealed record AnalysisReport(
    string ExecutionId,
    string DeploymentId,
    bool RequiresHumanReview,
    IReadOnlyList<string> ReviewReasons,
    IReadOnlyList<RankedHypothesis> RankedHypotheses,
    IReadOnlyList<Signal> SignalsUsed,
    IReadOnlyList<AgentReport> Agents,
    IReadOnlyList<JudgeVerdict> Rejected,
    Synthesis Synthesis,
    double DurationMs)
{
    /// <summary>Builds the report from an execution and its synthesis.</summary>
    public static AnalysisReport From(string deploymentId, ExecutionResult result, Synthesis synthesis, double durationMs)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new AnalysisReport(
            result.ExecutionId,
            deploymentId,
            result.RequiresHumanReview,
            result.ReviewReasons,
            result.RankedHypotheses,
            result.SignalsUsed,
            [.. result.Agents.Select(a => new AgentReport(a.Name, a.Mode ?? "deterministic", AgentStatusNames.ToName(a.Status), a.ExecutionTimeMs, a.HypothesesProposed, a.Error, a.Result?.Notes ?? []))],
            [.. result.Verdicts.Where(v => !v.Accepted)],
            synthesis,
            durationMs);
    }
}
