using Alpha.Runtime.Schemas;

namespace Alpha.Runtime.Events;

/// <summary>The extractor found a signal.</summary>
public sealed record SignalDetected(string ExecutionId, DateTimeOffset Timestamp, Signal Signal)
    : RuntimeEvent(ExecutionId, Timestamp)
{
    /// <inheritdoc />
    public override string Stage => "signal.detected";

    /// <inheritdoc />
    public override string Message => $"{Signal.Id} [{SeverityNames.ToName(Signal.Severity)}] {Signal.Description}";

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, object?> GetExtras() =>
        new Dictionary<string, object?> { ["signal"] = Signal };
}
