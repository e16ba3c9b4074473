using Alpha.Platform.Ledger;

namespace Alpha.Platform.Recording;

/// <summary>
/// Closes the runs whose recording process is gone (<c>alpha runs recover</c>). A run is a candidate when it is
/// pending or running with no write for the given time; it is then marked failed only when its owner is dead:
/// a process of this host that no longer runs (or whose id now belongs to a later process), or, for a run owned
/// on another host or by no known process, a heartbeat older than the lease. A live run is never touched, however
/// short the inactivity asked for.
/// </summary>
public static class RunRecovery
{
    /// <summary>
    /// A run owned on another host is live while its heartbeat is younger than this: three default heartbeat
    /// intervals, so that one or two late renewals (a loaded machine, a slow database) never fail a live run.
    /// </summary>
    public static TimeSpan DefaultLease { get; } = 3 * RunRecorderOptions.DefaultHeartbeatInterval;

    /// <summary>Recovers the runs with no write for <paramref name="inactiveFor"/>; returns what was decided for each candidate.</summary>
    /// <param name="store">The ledger.</param>
    /// <param name="inactiveFor">How long a run must have gone without a write to be a candidate.</param>
    /// <param name="time">The clock.</param>
    /// <param name="lease">How recent a heartbeat keeps a run of another host alive (default <see cref="DefaultLease"/>).</param>
    /// <param name="isAlive">Whether an owner process runs (null: cannot tell from here); default <see cref="RunOwner.IsAlive"/>.</param>
    /// <param name="cancellationToken">Cancels the recovery.</param>
    public static async Task<IReadOnlyList<RecoveredRun>> RecoverAsync(
        ILedgerStore store, TimeSpan inactiveFor, TimeProvider time, TimeSpan? lease = null, Func<RunOwner, bool?>? isAlive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var since = now - inactiveFor;
        var heartbeatBefore = now - (lease ?? DefaultLease);
        isAlive ??= owner => owner.IsAlive();
        var results = new List<RecoveredRun>();
        foreach (var run in await store.ListActiveRunsAsync(since, cancellationToken).ConfigureAwait(false))
        {
            var alive = run.Owner is { } owner ? isAlive(owner) : null;
            if (alive == true)
            {
                results.Add(new RecoveredRun(run.RunId, false, $"live: its process {Describe(run.Owner!)} still runs"));
                continue;
            }

            string reason;
            DateTimeOffset? heartbeatCondition;
            if (alive == false)
            {
                reason = $"abandoned: its process {Describe(run.Owner!)} is gone and the run was not finished";
                heartbeatCondition = null;
            }
            else if (run.HeartbeatAt is { } beat && beat >= heartbeatBefore)
            {
                results.Add(new RecoveredRun(run.RunId, false, $"live: heartbeat {(now - beat).TotalSeconds:0} s ago from {(run.Owner is { } o ? Describe(o) : "its process")}"));
                continue;
            }
            else
            {
                reason = run.HeartbeatAt is { } last
                    ? $"abandoned: no heartbeat for {(now - last).TotalSeconds:0} s from {(run.Owner is { } o ? Describe(o) : "its process")}; its process stopped before the run finished"
                    : $"abandoned: no write for {(now - run.UpdatedAt).TotalSeconds:0} s and no heartbeat; its process stopped before the run finished";
                heartbeatCondition = heartbeatBefore;
            }

            var marked = await store.AbandonRunAsync(run.RunId, since, heartbeatCondition, reason, cancellationToken).ConfigureAwait(false);
            results.Add(marked ? new RecoveredRun(run.RunId, true, reason) : new RecoveredRun(run.RunId, false, "live: written to while being recovered"));
        }

        return results;
    }

    private static string Describe(RunOwner owner) => $"{owner.ProcessId} on {owner.Host}";
}
