namespace Alpha.Platform.Ledger;

/// <summary>One node execution (<c>agent_runs</c>), written once when it ends, together with its steps.</summary>
/// <param name="AgentRunId">Its id (<c>arun_...</c>).</param>
/// <param name="RunId">The run it belongs to.</param>
/// <param name="Node">The workflow node (for an analysis, the agent's name).</param>
/// <param name="Agent">The agent's name.</param>
/// <param name="AgentSpecVersionId">The locked agent spec version it ran, when known.</param>
/// <param name="Mode"><c>deterministic</c> or <c>llm</c> (after any fallback).</param>
/// <param name="Status">How it ended.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="InputTokens">Input tokens of its model calls.</param>
/// <param name="OutputTokens">Output tokens of its model calls.</param>
/// <param name="CostUsd">Cost of its priced model calls; null when none was priced.</param>
/// <param name="Error">Why it did not complete.</param>
public sealed record AgentRunRecord(
    string AgentRunId,
    string RunId,
    string Node,
    string Agent,
    string? AgentSpecVersionId,
    string? Mode,
    AgentRunStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    long InputTokens,
    long OutputTokens,
    decimal? CostUsd,
    string? Error);
