using System.Text.Json.Serialization;

namespace Alpha.Runtime.Schemas;

/// <summary>
/// What one agent returned: its name, the hypotheses it claims (still unjudged) and how long it ran.
/// The name is checked by the judge, not here, so that a nameless result is recorded and rejected
/// with a reason instead of disappearing in an exception.
/// </summary>
public sealed record AgentResult
{
    /// <summary>Creates a result.</summary>
    /// <exception cref="SchemaValidationException">hypotheses is missing or execution_time_ms is negative.</exception>
    [JsonConstructor]
    public AgentResult(string agentName, IReadOnlyList<HypothesisClaim> hypotheses, double executionTimeMs = 0)
    {
        AgentName = agentName ?? string.Empty;
        Hypotheses = Check.NotNull(hypotheses, "hypotheses");
        ExecutionTimeMs = double.IsFinite(executionTimeMs) && executionTimeMs >= 0
            ? executionTimeMs
            : throw new SchemaValidationException("execution_time_ms", "must be a non-negative number");
    }

    /// <summary>The agent's name (the judge rejects an empty one).</summary>
    public string AgentName { get; }

    /// <summary>The claims the agent made.</summary>
    public IReadOnlyList<HypothesisClaim> Hypotheses { get; }

    /// <summary>Wall time of the agent as measured by the executor, in milliseconds.</summary>
    public double ExecutionTimeMs { get; init; }

    /// <summary>How the agent reasoned this time (e.g. <c>deterministic</c>, <c>llm</c>), when it says.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Mode { get; init; }

    /// <summary>Notes for the reader, such as a fallback from the model to the deterministic rules.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
