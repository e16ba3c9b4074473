namespace Alpha.Platform.Ledger;

/// <summary>A filtered page of runs, newest first (<see cref="ILedgerStore.SearchRunsAsync"/>).</summary>
/// <param name="Status">Only runs with this status.</param>
/// <param name="ExperimentId">Only runs of this experiment.</param>
/// <param name="TaskId">Only the run with this task id.</param>
/// <param name="Before">Only runs older than this run (the cursor: the last run id of the previous page).</param>
/// <param name="Limit">At most this many runs (1 or more).</param>
public sealed record RunQuery(RunStatus? Status = null, string? ExperimentId = null, string? TaskId = null, string? Before = null, int Limit = 50);
