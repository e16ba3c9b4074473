namespace Alpha.Runtime.Events;

/// <summary>
/// A stage a vertical or host adds around an execution (e.g. <c>synthesis.completed</c> after ranking), so
/// that its progress reaches every surface through the same event stream.
/// </summary>
public sealed record StageEvent(string ExecutionId, DateTimeOffset Timestamp, string StageName, string Text, IReadOnlyDictionary<string, object?> Details)
    : RuntimeEvent(ExecutionId, Timestamp)
{
    /// <inheritdoc />
    public override string Stage => StageName;

    /// <inheritdoc />
    public override string Message => Text;

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, object?> GetExtras() => Details;
}
