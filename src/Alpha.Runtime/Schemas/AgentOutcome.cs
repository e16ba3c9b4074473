using System.Text.Json.Serialization;

namespace Alpha.Runtime.Schemas;

/// <summary>One agent's run: how it ended, when, for how long, and what it returned.</summary>
/// <param name="Name">The agent's registered name.</param>
/// <param name="Status">How the run ended.</param>
/// <param name="StartedAt">When the executor started the agent.</param>
/// <param name="FinishedAt">When the executor stopped waiting for it.</param>
/// <param name="ExecutionTimeMs">Elapsed wall time in milliseconds.</param>
/// <param name="Error">Why it failed or timed out, if it did.</param>
/// <param name="Result">What it returned, when it completed.</param>
public sealed record AgentOutcome(
    string Name,
    [property: JsonPropertyName("outcome")] AgentStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    double ExecutionTimeMs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonIgnore] AgentResult? Result)
{
    /// <summary>How the agent reasoned (e.g. <c>deterministic</c>, <c>llm</c>, <c>stub</c>), as the agent declares it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Mode { get; init; }

    /// <summary>Number of claims the agent returned.</summary>
    public int HypothesesProposed => Result?.Hypotheses.Count ?? 0;
}
