using Alpha.Cluster.Hosting;
using Alpha.Cluster.Runs;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Workflows;

namespace Alpha.Cluster.Benchmarks;

/// <summary>
/// What Orleans adds to a trivial workflow run (one node, a deterministic agent) on PostgreSQL (ALPHA_BENCH_PG or
/// ALPHA_TEST_PG): <c>Silos = 0</c> is the single-process path (<see cref="WorkflowRuntime"/> on the same ledger);
/// 1-3 are <see cref="ClusterNode"/>s in this process on loopback ports, each run dispatched to the cluster
/// (placement, grain state writes, the run directory). <c>Dispatch</c> is the latency until the ledger run is open;
/// <c>WholeRun</c> until the run has ended (the grain polled every millisecond), one caller after another.
/// A Stopwatch harness (written before BenchmarkDotNet shared a project with Orleans; see KillLatencyBenchmarks for one that does).
/// </summary>
internal sealed class ClusterRunBenchmarks(int silos) : IAsyncDisposable
{
    private readonly Dictionary<string, AgentSpec> _agents = new(StringComparer.Ordinal) { ["echo"] = new AgentSpec("echo", null, AgentSpec.DeterministicModel, "llm") };
    private readonly WorkflowSpec _spec = new("trivial", null, new Dictionary<string, WorkflowInput>(), [new WorkflowNode("only", "execution", [new SpecReference("echo")])], [], null);
    private readonly List<ClusterNode> _nodes = [];
    private readonly List<PostgresLedgerStore> _stores = [];
    private BenchDatabase? _database;
    private WorkflowRuntime _runtime = null!;
    private ClusterDispatch _dispatch = null!;

    public int Silos { get; } = silos;

    public ValueTask DisposeAsync() => new(CleanupAsync());

    public async Task<string?> Dispatch() => Silos == 0
        ? await LocalDispatchAsync()
        : (await _nodes[0].Gateway.DispatchAsync(_dispatch)).RunId;

    public async Task<string?> WholeRun()
    {
        if (Silos == 0)
        {
            return (await _runtime.RunAsync(new WorkflowDispatch(_spec, _agents))).Run.RunId;
        }

        var view = await _nodes[0].Gateway.DispatchAsync(_dispatch);
        while (!view.IsFinal)
        {
            await Task.Delay(1);
            view = await _nodes[0].Gateway.GetAsync(view.Key);
        }

        return view.RunId;
    }

    private async Task<string> LocalDispatchAsync()
    {
        var opened = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = _runtime.RunAsync(new WorkflowDispatch(_spec, _agents, RunCreated: (run, _) =>
        {
            opened.TrySetResult(run.RunId);
            return Task.CompletedTask;
        }));
        return await opened.Task;
    }

    public async Task SetupAsync()
    {
        _database = await BenchDatabase.CreateAsync();
        var connection = _database.Connection;
        var ledger = await PostgresLedgerStore.OpenAsync(connection);
        _stores.Add(ledger);
        _runtime = new WorkflowRuntime(new WorkflowRuntimeOptions { Ledger = ledger });
        _dispatch = await ClusterSpecs.LockAsync(ledger, _spec, _agents, null, null, null, CancellationToken.None);
        var clusterId = "bench" + _database.Schema[^6..];
        for (var i = 0; i < Silos; i++)
        {
            var store = await PostgresLedgerStore.OpenAsync(connection);
            _stores.Add(store);
            _nodes.Add(await ClusterNode.StartAsync(
                new AlphaClusterOptions { ConnectionString = connection, ClusterId = clusterId, SiloPort = 11411 + i, GatewayPort = 30411 + i },
                new ClusterRuntimeOptions { Ledger = store }));
        }
    }

    private async Task CleanupAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await _database!.DropAsync();
    }
}
