namespace Alpha.Workflows.Scheduling;

/// <summary>
/// The due-time rule, a pure function of the schedule and two instants: the occurrences in (since, now] are due; a due
/// fire more than the schedule's grace before now is late, and the missed-fire policy decides what happens to it.
/// </summary>
public static class FirePlanner
{
    // Counting late fires stops here: a minutely schedule left off for months is reported as "at least" this many.
    private const int MaxCounted = 1_000_000;

    /// <summary>Plans one pass.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="since">Exclusive: occurrences at or before it were handled (claimed, skipped, or before the scheduler's first start).</param>
    /// <param name="now">Inclusive: the pass's time.</param>
    /// <param name="maxFires">The most fires one pass claims (the rest are deferred to the next pass, oldest first).</param>
    public static FirePlan Plan(WorkflowSchedule schedule, DateTimeOffset since, DateTimeOffset now, int maxFires)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFires);
        if (now <= since)
        {
            return new FirePlan([], 0, since, false);
        }

        var onTime = new List<DateTimeOffset>();
        var late = new List<DateTimeOffset>();
        var lateCount = 0;
        foreach (var at in schedule.Cron.GetOccurrences(since, now, schedule.TimeZone, fromInclusive: false, toInclusive: true))
        {
            if (now - at <= schedule.Grace)
            {
                onTime.Add(at);
                continue;
            }

            if (schedule.Missed == MissedFirePolicy.RunAll && late.Count == maxFires)
            {
                // More late fires than one pass takes: claim the oldest, and resume right after the last of them.
                return new FirePlan(late, 0, late[^1], true);
            }

            lateCount++;
            if (schedule.Missed == MissedFirePolicy.RunOnce)
            {
                // Only the latest late fire matters.
                late.Clear();
            }

            if (schedule.Missed != MissedFirePolicy.Skip)
            {
                late.Add(at);
            }

            if (lateCount >= MaxCounted)
            {
                break;
            }
        }

        // Late fires come before on-time ones: the list stays oldest first.
        List<DateTimeOffset> fires = [.. late, .. onTime];
        var skipped = lateCount - late.Count;

        if (fires.Count > maxFires)
        {
            return new FirePlan(fires[..maxFires], skipped, fires[maxFires - 1], true);
        }

        return new FirePlan(fires, skipped, now, false);
    }
}
