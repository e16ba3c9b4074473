using System.Collections.Concurrent;
using Alpha.Cluster.Hosting;
using Alpha.Cluster.Runs;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Microsoft.Extensions.AI;

namespace Alpha.Cluster.Benchmarks;

/// <summary>
/// N <see cref="ClusterNode"/>s in this process on loopback ports over a fresh ledger schema (ALPHA_BENCH_PG or
/// ALPHA_TEST_PG), whose runs block in their model call until killed; every frame a node emits is seen here, so the
/// moment a run ends on its node (its <c>workflow.cancelled</c> frame) can be awaited.
/// </summary>
internal sealed class BlockedCluster : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DateTimeOffset>> _ends = new(StringComparer.Ordinal);
    private readonly List<PostgresLedgerStore> _stores = [];
    private BenchDatabase? _database;

    public List<ClusterNode> Nodes { get; } = [];

    public List<PostgresLedgerStore> Ledgers { get; } = [];

    public SemaphoreSlim Arrivals { get; } = new(0);

    public ClusterDispatch Dispatch { get; private set; } = null!;

    public static async Task<BlockedCluster> StartAsync(int silos, int firstPort, Func<SemaphoreSlim, IChatClient>? model = null, int steps = 1)
    {
        var cluster = new BlockedCluster();
        await cluster.SetupAsync(silos, firstPort, model ?? (arrivals => new BlockingChatClient(arrivals)), steps);
        return cluster;
    }

    /// <summary>Dispatches one run from node <paramref name="from"/> and returns once it waits in its model call.</summary>
    public async Task<ClusterRunView> DispatchBlockedAsync(int from)
    {
        var view = await Nodes[from].Gateway.DispatchAsync(Dispatch);
        if (view.RunId is null)
        {
            throw new InvalidOperationException($"the run did not start: {view.Error}");
        }

        _ends.GetOrAdd(view.RunId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        await Arrivals.WaitAsync(TimeSpan.FromSeconds(30));
        return view;
    }

    /// <summary>Completes when run <paramref name="runId"/>'s node emitted its end frame.</summary>
    public Task<DateTimeOffset> EndedAsync(string runId) => _ends.GetOrAdd(runId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>The index of the node whose silo is <paramref name="silo"/>.</summary>
    public int IndexOf(string? silo) => Nodes.FindIndex(n => n.Silo == silo);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            try
            {
                await node.DisposeAsync();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // An aborted node may refuse a second stop; the process ends anyway.
                Console.Error.WriteLine($"node stop: {ex.Message}");
            }
        }

        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await _database!.DropAsync();
    }

    private async Task SetupAsync(int silos, int firstPort, Func<SemaphoreSlim, IChatClient> model, int steps)
    {
        _database = await BenchDatabase.CreateAsync();
        var connection = _database.Connection;
        var ledger = await PostgresLedgerStore.OpenAsync(connection);
        _stores.Add(ledger);
        var agents = new Dictionary<string, AgentSpec>(StringComparer.Ordinal) { ["waiter"] = new AgentSpec("waiter", null, "bench/blocking", "llm") };
        // A chain of `steps` nodes, each one model call.
        var nodes = Enumerable.Range(1, steps).Select(i => new WorkflowNode($"step{i}", "execution", [new SpecReference("waiter")])).ToArray();
        var edges = Enumerable.Range(1, steps - 1).Select(i => new WorkflowEdge($"step{i}", $"step{i + 1}")).ToArray();
        var spec = new WorkflowSpec("blocked", null, new Dictionary<string, WorkflowInput>(), nodes, edges, null);
        Dispatch = await ClusterSpecs.LockAsync(ledger, spec, agents, null, null, null, CancellationToken.None);
        var clusterId = "bench" + _database.Schema[^6..];
        for (var i = 0; i < silos; i++)
        {
            var store = await PostgresLedgerStore.OpenAsync(connection);
            _stores.Add(store);
            Ledgers.Add(store);
            Nodes.Add(await ClusterNode.StartAsync(
                new AlphaClusterOptions { ConnectionString = connection, ClusterId = clusterId, SiloPort = firstPort + i, GatewayPort = firstPort + 100 + i },
                new ClusterRuntimeOptions { Ledger = store, ModelClients = _ => model(Arrivals), OnFrame = OnFrame }));
        }
    }

    private void OnFrame(RunFrame frame)
    {
        if (frame.Stage is "workflow.cancelled" or "workflow.failed" or "workflow.completed")
        {
            _ends.GetOrAdd(frame.RunId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(DateTimeOffset.UtcNow);
        }
    }
}
