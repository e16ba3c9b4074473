using Alpha.Runtime.Judging;

namespace Alpha.Runtime.Schemas;

/// <summary>The answer of one execution: ranked hypotheses with their evidence, and how every agent fared.</summary>
/// <param name="ExecutionId">Unique id of the execution (also the task id of its frames).</param>
/// <param name="RankedHypotheses">The top hypotheses, best first.</param>
/// <param name="SignalsUsed">Every signal extracted from the incident.</param>
/// <param name="RequiresHumanReview">True when the answer should not be trusted unreviewed (see <see cref="Aggregation.HumanReviewPolicy"/>).</param>
/// <param name="ReviewReasons">Why review is required; empty when it is not.</param>
/// <param name="Agents">Each agent's outcome and timing, in registration order.</param>
/// <param name="Verdicts">The judge's verdict on every claim.</param>
/// <param name="StartedAt">When the execution started.</param>
/// <param name="DurationMs">Total wall time in milliseconds.</param>
public sealed record ExecutionResult(
    string ExecutionId,
    IReadOnlyList<RankedHypothesis> RankedHypotheses,
    IReadOnlyList<Signal> SignalsUsed,
    bool RequiresHumanReview,
    IReadOnlyList<string> ReviewReasons,
    IReadOnlyList<AgentOutcome> Agents,
    IReadOnlyList<JudgeVerdict> Verdicts,
    DateTimeOffset StartedAt,
    double DurationMs);
