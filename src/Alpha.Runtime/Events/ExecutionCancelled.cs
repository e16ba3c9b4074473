namespace Alpha.Runtime.Events;

/// <summary>The caller cancelled the execution.</summary>
public sealed record ExecutionCancelled(string ExecutionId, DateTimeOffset Timestamp, double ElapsedMs)
    : RuntimeEvent(ExecutionId, Timestamp)
{
    /// <inheritdoc />
    public override string Stage => "execution.cancelled";

    /// <inheritdoc />
    public override string Message => $"Execution cancelled after {ElapsedMs:F0} ms";

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, object?> GetExtras() =>
        new Dictionary<string, object?> { ["elapsed_ms"] = ElapsedMs };
}
