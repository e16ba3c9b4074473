namespace Alpha.Runtime.Events;

/// <summary>The judge rejected a claim.</summary>
public sealed record HypothesisRejected(string ExecutionId, DateTimeOffset Timestamp, string Agent, string Label, IReadOnlyList<string> Reasons)
    : RuntimeEvent(ExecutionId, Timestamp)
{
    /// <inheritdoc />
    public override string Stage => "judge.rejected";

    /// <inheritdoc />
    public override string Message => $"Rejected \"{Label}\" from {(Agent.Length == 0 ? "<unnamed agent>" : Agent)}: {string.Join("; ", Reasons)}";

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, object?> GetExtras() =>
        new Dictionary<string, object?> { ["agent"] = Agent, ["label"] = Label, ["reasons"] = Reasons };
}
