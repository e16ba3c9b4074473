using Alpha.Cluster.Directory;
using Alpha.Cluster.Runs;
using Alpha.Cluster.Schedules;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alpha.Cluster.Failover;

/// <summary>
/// Watches the cluster's membership on every node. When a node is declared dead (with the tuned membership settings
/// under a second after it stops answering probes) the others read its run directory and ask each of its runs'
/// grains to go on: Orleans activates the grain on a live node, which closes the interrupted ledger run and resumes
/// it there (or marks it failed with the reason). A node that starts also looks at the dead nodes already in the
/// table, so runs of a cluster that lost every node go on when one comes back. Asking twice is harmless: the grain
/// is single-activation and resumes a run once.
/// </summary>
internal sealed partial class SiloLossWatcher(IClusterMembershipService membership, IGrainFactory grains, ILogger<SiloLossWatcher> logger) : BackgroundService
{
    private readonly HashSet<SiloAddress> _handled = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken).ConfigureAwait(false))
            {
                foreach (var (silo, member) in snapshot.Members)
                {
                    if (member.Status == SiloStatus.Dead && _handled.Add(silo))
                    {
                        _ = TakeOverAsync(silo, stoppingToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }

    private async Task TakeOverAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        const int Tries = 5;
        for (var attempt = 1; attempt <= Tries && !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var runs = await grains.GetGrain<IRunDirectoryGrain>(silo.ToParsableString()).ListAsync().ConfigureAwait(false);
                if (runs.Count > 0)
                {
                    LogTakingOver(silo.ToParsableString(), runs.Count);
                }

                await Task.WhenAll(runs.Select(key => grains.GetGrain<IWorkflowRunGrain>(key).EnsureRunningAsync())).ConfigureAwait(false);

                // The lost node may have held schedules: wake them all now (each comes back on a live node and fires what
                // is due) rather than at their next reminder tick. A schedule that was elsewhere just passes once more.
                var schedules = await grains.GetGrain<IScheduleRegistryGrain>(0).ListAsync().ConfigureAwait(false);
                await Task.WhenAll(schedules.Select(key => grains.GetGrain<IScheduleGrain>(key).WakeAsync())).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
            {
                // Right after a loss, calls can time out while the cluster settles: back off and ask again.
                LogRetry(silo.ToParsableString(), attempt, ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "node {Silo} is dead: taking over its {Count} run(s)")]
    private partial void LogTakingOver(string silo, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "taking over the runs of node {Silo} failed (try {Attempt}): {Reason}")]
    private partial void LogRetry(string silo, int attempt, string reason);
}
