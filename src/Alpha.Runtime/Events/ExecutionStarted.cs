namespace Alpha.Runtime.Events;

/// <summary>An execution began.</summary>
public sealed record ExecutionStarted(string ExecutionId, DateTimeOffset Timestamp, string DeploymentId, IReadOnlyList<string> Agents)
    : RuntimeEvent(ExecutionId, Timestamp)
{
    /// <inheritdoc />
    public override string Stage => "execution.started";

    /// <inheritdoc />
    public override string Message => $"Analysing {DeploymentId} with {Agents.Count} agent(s)";

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, object?> GetExtras() =>
        new Dictionary<string, object?> { ["deployment_id"] = DeploymentId, ["agents"] = Agents };
}
