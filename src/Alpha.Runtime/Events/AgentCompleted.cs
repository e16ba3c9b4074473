namespace Alpha.Runtime.Events;

/// <summary>An agent returned a result.</summary>
public sealed record AgentCompleted(string ExecutionId, DateTimeOffset Timestamp, string Agent, string Mode, double ElapsedMs, int HypothesesProposed, IReadOnlyList<string> Notes)
    : RuntimeEvent(ExecutionId, Timestamp)
{
    /// <inheritdoc />
    public override string Stage => $"agent.{Agent}.completed";

    /// <inheritdoc />
    public override string Message => $"{Agent} completed in {ElapsedMs:F0} ms with {HypothesesProposed} hypothesis(es)";

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, object?> GetExtras() =>
        new Dictionary<string, object?> { ["agent"] = Agent, ["mode"] = Mode, ["elapsed_ms"] = ElapsedMs, ["hypotheses"] = HypothesesProposed, ["notes"] = Notes };
}
