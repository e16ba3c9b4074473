namespace Alpha.Runtime.Events;

/// <summary>An agent started.</summary>
public sealed record AgentStarted(string ExecutionId, DateTimeOffset Timestamp, string Agent, string Mode)
    : RuntimeEvent(ExecutionId, Timestamp)
{
    /// <inheritdoc />
    public override string Stage => $"agent.{Agent}.started";

    /// <inheritdoc />
    public override string Message => $"{Agent} started ({Mode})";

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, object?> GetExtras() =>
        new Dictionary<string, object?> { ["agent"] = Agent, ["mode"] = Mode };
}
