using Orleans.Concurrency;

namespace Alpha.Cluster.Directory;

/// <summary>
/// The cluster runs one node drives, keyed by that node's silo address: when the node is lost, the others read its
/// entry here and take each run over. One grain per node spreads these writes over the cluster.
/// </summary>
public interface IRunDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds a run (its grain key).</summary>
    Task AddAsync(string runKey);

    /// <summary>Removes a run.</summary>
    Task RemoveAsync(string runKey);

    /// <summary>The runs listed.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> ListAsync();
}
