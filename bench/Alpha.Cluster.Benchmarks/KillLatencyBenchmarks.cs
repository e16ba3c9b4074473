using Alpha.Cluster.Runs;
using BenchmarkDotNet.Attributes;

namespace Alpha.Cluster.Benchmarks;

/// <summary>
/// Kill latency across 3 silos in this process (loopback, one PostgreSQL): before each operation a run is dispatched and
/// waits in its model call on some node; the operation kills it from another node and ends when the driving node has
/// stopped it (its <c>workflow.cancelled</c> frame: the model call cancelled, the run's end written).
/// <see cref="GrainKill"/>: through the run's grain (<c>POST /cluster/runs/{key}/kill</c>, <see cref="ClusterGateway.KillAsync"/> by key);
/// <see cref="LedgerKill"/>: the ledger's kill request from another node's connection (<c>alpha runs kill RUN_ID</c>),
/// which reaches the driving node by PostgreSQL NOTIFY.
/// </summary>
[Config(typeof(KillLatencyConfig))]
public class KillLatencyBenchmarks
{
    private BlockedCluster _cluster = null!;
    private ClusterRunView _run = null!;
    private int _killer;

    [GlobalSetup]
    public void Setup() => _cluster = BlockedCluster.StartAsync(3, 11511).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [IterationSetup]
    public void DispatchOne()
    {
        // Dispatched from node 0, placed by Orleans; killed from a node that does not drive it.
        _run = _cluster.DispatchBlockedAsync(0).GetAwaiter().GetResult();
        _killer = (_cluster.IndexOf(_run.Silo) + 1) % _cluster.Nodes.Count;
    }

    [Benchmark]
    public async Task<DateTimeOffset> GrainKill()
    {
        if (!await _cluster.Nodes[_killer].Gateway.KillAsync(_run.Key, "bench"))
        {
            throw new InvalidOperationException($"run {_run.Key} was not in flight");
        }

        return await _cluster.EndedAsync(_run.RunId!);
    }

    [Benchmark]
    public async Task<DateTimeOffset> LedgerKill()
    {
        if (!(await _cluster.Ledgers[_killer].RequestKillAsync(_run.RunId!, "bench")).Requested)
        {
            throw new InvalidOperationException($"run {_run.RunId} was not open");
        }

        return await _cluster.EndedAsync(_run.RunId!);
    }
}
