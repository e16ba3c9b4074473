namespace Alpha.Workflows.Scheduling;

/// <summary>
/// A scheduler's progress line: <c>schedule.started</c>, <c>schedule.waiting</c>, <c>schedule.fire.claimed</c>,
/// <c>schedule.fire.taken</c> (another scheduler claimed it), <c>schedule.fire.skipped</c> (late, by policy),
/// <c>schedule.fire.running</c>, <c>schedule.fire.completed|failed|cancelled|capped</c>, <c>schedule.stopped</c>.
/// </summary>
/// <param name="Stage">What happened.</param>
/// <param name="Schedule">The schedule's key (empty for the scheduler's own start and stop).</param>
/// <param name="ScheduledAt">The fire's scheduled time, or the next one for <c>schedule.started</c> and <c>schedule.waiting</c>.</param>
/// <param name="RunId">The run a fire dispatched.</param>
/// <param name="Message">A sentence for people.</param>
/// <param name="EmittedAt">When it happened.</param>
public sealed record ScheduleEvent(string Stage, string Schedule, DateTimeOffset? ScheduledAt, string? RunId, string Message, DateTimeOffset EmittedAt);
