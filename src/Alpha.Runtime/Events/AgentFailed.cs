namespace Alpha.Runtime.Events;

/// <summary>An agent threw or returned something unusable; the others go on.</summary>
public sealed record AgentFailed(string ExecutionId, DateTimeOffset Timestamp, string Agent, double ElapsedMs, string Error)
    : RuntimeEvent(ExecutionId, Timestamp)
{
    /// <inheritdoc />
    public override string Stage => $"agent.{Agent}.failed";

    /// <inheritdoc />
    public override string Message => $"{Agent} failed after {ElapsedMs:F0} ms: {Error}";

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, object?> GetExtras() =>
        new Dictionary<string, object?> { ["agent"] = Agent, ["elapsed_ms"] = ElapsedMs, ["error"] = Error };
}
