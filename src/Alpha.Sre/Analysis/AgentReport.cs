using System.Text.Json.Serialization;

namespace Alpha.Sre.Analysis;

/// <summary>One agent's line in the report.</summary>
/// <param name="Name">Agent name.</param>
/// <param name="Mode">deterministic or llm (after any fallback).</param>
/// <param name="Outcome">completed, timed_out, failed or cancelled.</param>
/// <param name="ExecutionTimeMs">Wall time.</param>
/// <param name="HypothesesProposed">Claims it returned.</param>
/// <param name="Error">Why it did not complete, if it did not.</param>
/// <param name="Notes">Notes such as a model fallback.</param>
public sealed record AgentReport(
    string Name,
    string Mode,
    string Outcome,
    double ExecutionTimeMs,
    int HypothesesProposed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    IReadOnlyList<string> Notes);
