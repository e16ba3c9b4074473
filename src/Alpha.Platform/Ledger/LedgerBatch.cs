namespace Alpha.Platform.Ledger;

/// <summary>
/// Rows appended to one run in one transaction: finished agent runs with their steps, frames, and optionally
/// a new status. Either all of it is written or none of it.
/// </summary>
/// <param name="AgentRuns">Finished agent runs.</param>
/// <param name="Steps">Their model and tool calls (each belongs to an agent run of this batch or an earlier one).</param>
/// <param name="Frames">Frames, with sequence numbers continuing the run's.</param>
/// <param name="Status">The run's new status, when it changes (a final status sets finished_at).</param>
/// <param name="Error">The run's error, with a failed, cancelled or capped status.</param>
public sealed record LedgerBatch(
    IReadOnlyList<AgentRunRecord> AgentRuns,
    IReadOnlyList<AgentRunStep> Steps,
    IReadOnlyList<RunFrame> Frames,
    RunStatus? Status = null,
    string? Error = null)
{
    /// <summary>A batch of frames only.</summary>
    public static LedgerBatch OfFrames(IReadOnlyList<RunFrame> frames) => new([], [], frames);
}
