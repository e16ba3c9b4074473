using Orleans.Concurrency;

namespace Alpha.Cluster.Schedules;

/// <summary>The keys of the cluster's schedules (one grain, key 0): what <c>GET /cluster/schedules</c> lists and what a node wakes after a node loss.</summary>
public interface IScheduleRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a schedule key.</summary>
    Task AddAsync(string key);

    /// <summary>Removes a schedule key.</summary>
    Task RemoveAsync(string key);

    /// <summary>Every schedule key, ordered.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> ListAsync();
}
