namespace Alpha.Runtime.Events;

/// <summary>An agent's model call finished (successfully or not); the ledger records one step per call.</summary>
public sealed record ModelCallCompleted(string ExecutionId, DateTimeOffset Timestamp, string Agent, string Model, long InputTokens, long OutputTokens, double LatencyMs, string Request, string? Response, string? Error)
    : RuntimeEvent(ExecutionId, Timestamp)
{
    /// <inheritdoc />
    public override string Stage => $"agent.{Agent}.model_call";

    /// <inheritdoc />
    public override string Message => Error is null ? $"{Agent} called {Model}: {InputTokens} in / {OutputTokens} out tokens, {LatencyMs:F0} ms" : $"{Agent} call to {Model} failed: {Error}";

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, object?> GetExtras() =>
        new Dictionary<string, object?> { ["agent"] = Agent, ["model"] = Model, ["input_tokens"] = InputTokens, ["output_tokens"] = OutputTokens, ["latency_ms"] = LatencyMs, ["error"] = Error };
}
