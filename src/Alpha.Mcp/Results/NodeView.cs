namespace Alpha.Mcp.Results;

/// <summary>One agent run of a run: which node, which agent, how it ended and what it cost.</summary>
/// <param name="Node">The workflow node (or analysis agent slot).</param>
/// <param name="Agent">The agent.</param>
/// <param name="Status">How it ended.</param>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
/// <param name="CostUsd">Cost in US dollars.</param>
/// <param name="Error">Why it failed (redacted).</param>
public sealed record NodeView(string Node, string Agent, string Status, long InputTokens, long OutputTokens, decimal CostUsd, string? Error);
