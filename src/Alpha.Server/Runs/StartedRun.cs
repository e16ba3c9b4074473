namespace Alpha.Server.Runs;

/// <summary>A run accepted for background execution: its ledger row and the task id its frames carry.</summary>
/// <param name="RunId">The workflow_runs row.</param>
/// <param name="TaskId">The id of its frame stream (<c>GET /chat/stream/{task_id}</c>).</param>
public sealed record StartedRun(string RunId, string TaskId);
