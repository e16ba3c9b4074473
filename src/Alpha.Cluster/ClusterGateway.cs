using System.Text.Json.Nodes;
using Alpha.Cluster.Directory;
using Alpha.Cluster.Frames;
using Alpha.Cluster.Runs;
using Alpha.Cluster.Schedules;
using Alpha.Cluster.Status;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Workflows.Scheduling;

namespace Alpha.Cluster;

/// <summary>
/// What a host (the CLI, the server) asks of the cluster, from any node: dispatch a workflow run (placed by Orleans on
/// the least loaded of two sampled nodes), read it, kill it or every run on every node, and read the cluster's status.
/// </summary>
public sealed class ClusterGateway(IGrainFactory grains, ILedgerStore ledger, string clusterId, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Hash-locks the specs and starts the run on a node of the cluster; returns once its ledger run is open.</summary>
    public async Task<ClusterRunView> DispatchAsync(WorkflowSpec workflow, IReadOnlyDictionary<string, AgentSpec> agents, JsonObject? inputs = null, string? experimentId = null, IReadOnlyDictionary<string, WorkflowSpec>? workflows = null, CancellationToken cancellationToken = default)
    {
        var dispatch = await ClusterSpecs.LockAsync(ledger, workflow, agents, inputs, experimentId, workflows, cancellationToken).ConfigureAwait(false);
        return await DispatchAsync(dispatch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts an already locked dispatch on a node of the cluster.</summary>
    public Task<ClusterRunView> DispatchAsync(ClusterDispatch dispatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        cancellationToken.ThrowIfCancellationRequested();
        return grains.GetGrain<IWorkflowRunGrain>(LedgerIds.New("crun", _time)).StartAsync(dispatch);
    }

    /// <summary>A cluster run by its key.</summary>
    public Task<ClusterRunView> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        cancellationToken.ThrowIfCancellationRequested();
        return grains.GetGrain<IWorkflowRunGrain>(key).GetAsync();
    }

    /// <summary>
    /// Kills a run by its cluster key (<c>crun_...</c>) or its ledger run id, wherever it runs: the grain stops it on
    /// its node, and a ledger run id also gets the ledger's kill request (NOTIFY), which reaches a run outside the
    /// cluster too. True when a run in flight was asked to stop.
    /// </summary>
    public async Task<bool> KillAsync(string runIdOrKey, string by, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runIdOrKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (runIdOrKey.StartsWith("crun_", StringComparison.Ordinal))
        {
            return await grains.GetGrain<IWorkflowRunGrain>(runIdOrKey).KillAsync(by).ConfigureAwait(false);
        }

        var requested = await ledger.RequestKillAsync(runIdOrKey, by, cancellationToken).ConfigureAwait(false);
        foreach (var key in await RunKeysAsync(cancellationToken).ConfigureAwait(false))
        {
            var grain = grains.GetGrain<IWorkflowRunGrain>(key);
            if ((await grain.GetAsync().ConfigureAwait(false)).RunId == runIdOrKey)
            {
                return await grain.KillAsync(by).ConfigureAwait(false) || requested.Requested;
            }
        }

        return requested.Requested;
    }

    /// <summary>Kills every cluster run on every node (and asks every open ledger run to stop); returns how many cluster runs were stopped.</summary>
    public async Task<int> KillAllAsync(string by, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var keys = await RunKeysAsync(cancellationToken).ConfigureAwait(false);
        var killed = await Task.WhenAll(keys.Select(key => grains.GetGrain<IWorkflowRunGrain>(key).KillAsync(by))).ConfigureAwait(false);
        await ledger.RequestKillAllAsync(by, cancellationToken).ConfigureAwait(false);
        return killed.Count(k => k);
    }

    /// <summary>
    /// Registers every schedule of <paramref name="scheduleSpec"/> (a workflow spec of <c>schedule</c> nodes, hash-locked
    /// here) with the cluster: each becomes a schedule grain with an Orleans reminder; each fire dispatches the workflow
    /// it names (by name, from the ledger) as a cluster run, once across the cluster.
    /// </summary>
    /// <exception cref="SpecValidationException">The spec is not a valid schedule spec.</exception>
    public async Task<IReadOnlyList<ClusterScheduleView>> ScheduleAsync(WorkflowSpec scheduleSpec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheduleSpec);
        var schedules = ScheduleReader.Read(scheduleSpec, $"workflow {scheduleSpec.Name}");
        var version = await ledger.SnapshotAsync(scheduleSpec, cancellationToken).ConfigureAwait(false);
        var views = new List<ClusterScheduleView>();
        foreach (var schedule in schedules)
        {
            cancellationToken.ThrowIfCancellationRequested();
            views.Add(await grains.GetGrain<IScheduleGrain>(schedule.Key).SetAsync(version.VersionId, schedule.Node).ConfigureAwait(false));
        }

        return views;
    }

    /// <summary>Stops schedule <paramref name="key"/> (<c>spec/node</c>); null when the cluster has no such schedule.</summary>
    public async Task<ClusterScheduleView?> UnscheduleAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (!(await SchedulesKeysAsync(cancellationToken).ConfigureAwait(false)).Contains(key, StringComparer.Ordinal))
        {
            return null;
        }

        return await grains.GetGrain<IScheduleGrain>(key).RemoveAsync().ConfigureAwait(false);
    }

    /// <summary>The cluster's schedules.</summary>
    public async Task<IReadOnlyList<ClusterScheduleView>> SchedulesAsync(CancellationToken cancellationToken = default)
    {
        var keys = await SchedulesKeysAsync(cancellationToken).ConfigureAwait(false);
        return await Task.WhenAll(keys.Select(key => grains.GetGrain<IScheduleGrain>(key).GetAsync())).ConfigureAwait(false);
    }

    /// <summary>Follows the live frames of a cluster run by its task id, from whatever node drives it; dispose to stop.</summary>
    public Task<FrameSubscription> FollowFramesAsync(string taskId, Action<ClusterFrame> onFrame) => FrameSubscription.StartAsync(grains, taskId, onFrame);

    /// <summary>The nodes of the cluster and the runs each drives.</summary>
    public async Task<ClusterStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(false, cancellationToken).ConfigureAwait(false);
        var nodes = new List<ClusterNodeStatus>();
        foreach (var host in hosts.OrderBy(h => h.Status == SiloStatus.Active ? 0 : 1).ThenBy(h => h.SiloAddress.ToParsableString(), StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var silo = host.SiloAddress.ToParsableString();
            var runs = host.Status == SiloStatus.Active || host.Status == SiloStatus.Dead
                ? await grains.GetGrain<IRunDirectoryGrain>(silo).ListAsync().ConfigureAwait(false)
                : [];
            nodes.Add(new ClusterNodeStatus(silo, host.SiloName, host.HostName, host.Status.ToString(), ToOffset(host.StartTime), ToOffset(host.IAmAliveTime), runs));
        }

        return new ClusterStatus(clusterId, nodes);
    }

    private Task<IReadOnlyList<string>> SchedulesKeysAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return grains.GetGrain<IScheduleRegistryGrain>(0).ListAsync();
    }

    private async Task<IReadOnlyList<string>> RunKeysAsync(CancellationToken cancellationToken)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(true, cancellationToken).ConfigureAwait(false);
        var lists = await Task.WhenAll(hosts.Keys.Select(silo => grains.GetGrain<IRunDirectoryGrain>(silo.ToParsableString()).ListAsync())).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return [.. lists.SelectMany(l => l).Distinct(StringComparer.Ordinal)];
    }

    private static DateTimeOffset ToOffset(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
