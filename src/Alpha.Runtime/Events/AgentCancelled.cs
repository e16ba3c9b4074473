namespace Alpha.Runtime.Events;

/// <summary>An agent was stopped because the caller cancelled.</summary>
public sealed record AgentCancelled(string ExecutionId, DateTimeOffset Timestamp, string Agent, double ElapsedMs)
    : RuntimeEvent(ExecutionId, Timestamp)
{
    /// <inheritdoc />
    public override string Stage => $"agent.{Agent}.cancelled";

    /// <inheritdoc />
    public override string Message => $"{Agent} cancelled after {ElapsedMs:F0} ms";

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, object?> GetExtras() =>
        new Dictionary<string, object?> { ["agent"] = Agent, ["elapsed_ms"] = ElapsedMs };
}
