namespace Alpha.Runtime.Events;

/// <summary>An execution failed before producing a result (e.g. the signal extractor threw).</summary>
public sealed record ExecutionFailed(string ExecutionId, DateTimeOffset Timestamp, string Error)
    : RuntimeEvent(ExecutionId, Timestamp)
{
    /// <inheritdoc />
    public override string Stage => "execution.failed";

    /// <inheritdoc />
    public override string Message => $"Execution failed: {Error}";

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, object?> GetExtras() =>
        new Dictionary<string, object?> { ["error"] = Error };
}
