namespace Alpha.Runtime.Events;

/// <summary>The aggregator ranked the accepted hypotheses.</summary>
public sealed record AggregationCompleted(string ExecutionId, DateTimeOffset Timestamp, int Accepted, int Groups, string? TopLabel, double? TopScore)
    : RuntimeEvent(ExecutionId, Timestamp)
{
    /// <inheritdoc />
    public override string Stage => "aggregation.completed";

    /// <inheritdoc />
    public override string Message => TopLabel is null ? "No valid hypothesis to rank" : $"Ranked {Groups} group(s) from {Accepted} hypothesis(es); top: {TopLabel} ({TopScore:0.00})";

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, object?> GetExtras() =>
        new Dictionary<string, object?> { ["accepted"] = Accepted, ["groups"] = Groups, ["top_label"] = TopLabel, ["top_score"] = TopScore };
}
