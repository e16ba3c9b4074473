namespace Alpha.Runtime.Events;

/// <summary>An agent exceeded its timeout; the others go on.</summary>
public sealed record AgentTimedOut(string ExecutionId, DateTimeOffset Timestamp, string Agent, double ElapsedMs, TimeSpan Timeout)
    : RuntimeEvent(ExecutionId, Timestamp)
{
    /// <inheritdoc />
    public override string Stage => $"agent.{Agent}.timed_out";

    /// <inheritdoc />
    public override string Message => $"{Agent} timed out after {Timeout.TotalSeconds:0.###} s";

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, object?> GetExtras() =>
        new Dictionary<string, object?> { ["agent"] = Agent, ["elapsed_ms"] = ElapsedMs, ["timeout_ms"] = Timeout.TotalMilliseconds };
}
