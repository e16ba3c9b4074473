using Orleans.Concurrency;

namespace Alpha.Cluster.Schedules;

/// <summary>
/// One schedule of the cluster (a <c>schedule</c> node of a schedule spec), keyed by the schedule's ledger key
/// <c>spec/node</c>. An Orleans reminder (durable, in the ledger's PostgreSQL) wakes it on whatever node is alive; while
/// active a timer wakes it at each occurrence. Each fire is claimed in the ledger (<c>schedule_fires</c>, unique key)
/// and dispatched as a cluster run whose key is derived from the fire, so a fire is dispatched once even when a node
/// dies between the claim and the run.
/// </summary>
public interface IScheduleGrain : IGrainWithStringKey
{
    /// <summary>Registers (or updates) the schedule: node <paramref name="node"/> of the schedule spec version <paramref name="specVersionId"/>.</summary>
    Task<ClusterScheduleView> SetAsync(string specVersionId, string node);

    /// <summary>Stops the schedule (its reminder is removed; fires already dispatched go on).</summary>
    Task<ClusterScheduleView> RemoveAsync();

    /// <summary>The schedule as the grain knows it.</summary>
    [AlwaysInterleave]
    Task<ClusterScheduleView> GetAsync();

    /// <summary>Fires what is due now (a node was lost: do not wait for the next reminder tick).</summary>
    Task WakeAsync();
}
