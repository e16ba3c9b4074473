using Alpha.Platform.Ledger;

namespace Alpha.Workflows.Scheduling;

/// <summary>How one fire this scheduler claimed ended.</summary>
/// <param name="Schedule">The schedule's key.</param>
/// <param name="ScheduledAt">The fire's scheduled time.</param>
/// <param name="Status">Its final status (the run's, or failed when the workflow could not be dispatched).</param>
/// <param name="RunId">The run it dispatched, when one was created.</param>
/// <param name="Error">Why it did not complete.</param>
public sealed record ScheduledRun(string Schedule, DateTimeOffset ScheduledAt, ScheduleFireStatus Status, string? RunId, string? Error);
