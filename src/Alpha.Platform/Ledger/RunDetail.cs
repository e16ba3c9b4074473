namespace Alpha.Platform.Ledger;

/// <summary>A run with everything recorded under it.</summary>
/// <param name="Run">The run row.</param>
/// <param name="AgentRuns">Its agent runs, by start time.</param>
/// <param name="Steps">Their steps, by agent run and sequence.</param>
/// <param name="Frames">Its frames, in order.</param>
public sealed record RunDetail(WorkflowRun Run, IReadOnlyList<AgentRunRecord> AgentRuns, IReadOnlyList<AgentRunStep> Steps, IReadOnlyList<RunFrame> Frames);
