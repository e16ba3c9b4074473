namespace Alpha.Mcp.Hosting;

/// <summary>A run a tool started: its ledger id and the task id of its frames.</summary>
/// <param name="RunId">The ledger's run id (<c>run_...</c>).</param>
/// <param name="TaskId">The task id of its frames (the stream at <c>/chat/stream/{task_id}</c> on <c>alpha serve</c>).</param>
public sealed record McpStartedRun(string RunId, string TaskId);
