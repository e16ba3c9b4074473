using Alpha.Runtime.Schemas;

namespace Alpha.Runtime.Events;

/// <summary>An execution finished; carries the full result.</summary>
public sealed record ExecutionCompleted(string ExecutionId, DateTimeOffset Timestamp, ExecutionResult Result)
    : RuntimeEvent(ExecutionId, Timestamp)
{
    /// <inheritdoc />
    public override string Stage => "execution.completed";

    /// <inheritdoc />
    public override string Message => $"Completed in {Result.DurationMs:F0} ms: {Result.RankedHypotheses.Count} ranked hypothesis(es){(Result.RequiresHumanReview ? ", human review required" : string.Empty)}";

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, object?> GetExtras() =>
        new Dictionary<string, object?> { ["ranked"] = Result.RankedHypotheses.Count, ["requires_human_review"] = Result.RequiresHumanReview, ["duration_ms"] = Result.DurationMs };
}
