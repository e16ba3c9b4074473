namespace Alpha.Platform.Ledger;

/// <summary>
/// One fire of a schedule (a <c>schedule_fires</c> row): the schedule's occurrence at <paramref name="ScheduledAt"/>, claimed
/// once by one scheduler (the row's key is (schedule, scheduled_at)), and the run it dispatched.
/// </summary>
/// <param name="Schedule">The schedule's key: <c>workflow/node</c> of the schedule spec.</param>
/// <param name="ScheduledAt">The occurrence this fire stands for (UTC), not when it ran.</param>
/// <param name="Workflow">The workflow it dispatches (a name or a file, as the schedule wrote it).</param>
/// <param name="SpecVersionId">The schedule spec's locked version when it was claimed.</param>
/// <param name="Status">Claimed, running, or the run's final status.</param>
/// <param name="RunId">The workflow run it dispatched, once created.</param>
/// <param name="ClaimedBy">The claiming process (<c>host/pid</c>).</param>
/// <param name="ClaimedAt">When it was claimed.</param>
/// <param name="FinishedAt">When its run ended (or its dispatch failed).</param>
/// <param name="Error">Why it did not complete.</param>
public sealed record ScheduleFire(
    string Schedule,
    DateTimeOffset ScheduledAt,
    string Workflow,
    string? SpecVersionId,
    ScheduleFireStatus Status,
    string? RunId,
    string ClaimedBy,
    DateTimeOffset ClaimedAt,
    DateTimeOffset? FinishedAt,
    string? Error);
