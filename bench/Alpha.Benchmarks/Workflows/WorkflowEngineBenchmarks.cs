using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Workflows;
using Alpha.Workflows.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Agents.AI.Workflows;
using RunStatus = Alpha.Platform.Ledger.RunStatus;

namespace Alpha.Benchmarks.Workflows;

/// <summary>
/// The workflow engine's cost per step: one run of a graph of <see cref="Nodes"/> deterministic agent nodes, as a
/// chain (one node per superstep) or a wide fan-out (every node a root, one superstep), against a bare loop of the
/// same agent calls (<see cref="BareLoop"/>, the baseline). <see cref="EngineNullLedger"/> is the engine alone (a ledger
/// that keeps nothing); <see cref="EngineSqliteLedger"/> adds the real SQLite ledger (two write transactions per node:
/// its started frame, then its agent run with its completed frame). <see cref="FrameworkOnly"/> is Agent Framework with
/// the same agent calls and nothing of Alpha's. Goal: under 50 µs per step, linear in steps.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class WorkflowEngineBenchmarks
{
    private readonly Dictionary<string, AgentSpec> _agents = new(StringComparer.Ordinal);
    private WorkflowSpec _spec = null!;
    private WorkflowNodeBody _body = null!;
    private WorkflowRuntime _nullRuntime = null!;
    private WorkflowRuntime _sqliteRuntime = null!;
    private SqliteLedgerStore _sqlite = null!;
    private string _folder = string.Empty;
    private readonly JsonObject _inputs = new() { ["ticket"] = "checkout latency" };

    /// <summary>Graph shapes.</summary>
    public enum GraphShape
    {
        /// <summary>n1 -> n2 -> ... -> nN.</summary>
        Chain,

        /// <summary>N independent roots, all run in the first superstep.</summary>
        FanOut,
    }

    /// <summary>Graph sizes: 10, 100 and 1000 nodes, or the comma-separated list in ALPHA_BENCH_NODES (e.g. 100 for a quick A/B run).</summary>
    public static IEnumerable<int> NodeCounts() =>
        Environment.GetEnvironmentVariable("ALPHA_BENCH_NODES") is { Length: > 0 } given
            ? given.Split(',').Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture))
            : [10, 100, 1000];

    [ParamsSource(nameof(NodeCounts))]
    public int Nodes { get; set; }

    [Params(GraphShape.Chain, GraphShape.FanOut)]
    public GraphShape Shape { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqlite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The same agent calls in a loop: what the nodes themselves cost.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> BareLoop()
    {
        var chars = 0;
        NodeOutput? previous = null;
        for (var i = 0; i < Nodes; i++)
        {
            var id = "n" + i;
            var invocation = new NodeInvocation("run_bare", id, _inputs, Shape == GraphShape.Chain && previous is not null ? [previous] : [], static _ => null, static (_, _) => { });
            var text = await _body.RunAsync(invocation, CancellationToken.None).ConfigureAwait(false);
            previous = new NodeOutput(id, text);
            chars += text.Length;
        }

        return chars;
    }

    /// <summary>
    /// Agent Framework alone: the same graph as framework executors that make the same agent calls and pass the output
    /// on (no frames, ledger, kill switch, watchdog or caps): what the framework costs per step.
    /// </summary>
    [Benchmark]
    public async Task<int> FrameworkOnly()
    {
        var chars = 0;
        ExecutorBinding Executor(string id) => new FunctionExecutor<NodeOutput>(
            id,
            async (message, context, ct) =>
            {
                if (id == "start")
                {
                    await context.SendMessageAsync(message, cancellationToken: ct).ConfigureAwait(false);
                    return;
                }

                var invocation = new NodeInvocation("run_af", id, _inputs, Shape == GraphShape.Chain && message.NodeId != "start" ? [message] : [], static _ => null, static (_, _) => { });
                var text = await _body.RunAsync(invocation, ct).ConfigureAwait(false);
                Interlocked.Add(ref chars, text.Length);
                await context.SendMessageAsync(new NodeOutput(id, text), cancellationToken: ct).ConfigureAwait(false);
            },
            null,
            [typeof(NodeOutput)],
            [],
            false);
        var start = Executor("start");
        var executors = Enumerable.Range(0, Nodes).Select(i => Executor("n" + i)).ToArray();
        var builder = new WorkflowBuilder(start);
        if (Shape == GraphShape.Chain)
        {
            builder.AddEdge(start, executors[0]);
            for (var i = 1; i < Nodes; i++)
            {
                builder.AddEdge(executors[i - 1], executors[i]);
            }
        }
        else
        {
            builder.AddFanOutEdge(start, executors);
        }

        await using var run = await InProcessExecution.RunStreamingAsync(builder.Build(), new NodeOutput("start", string.Empty), "run_af", CancellationToken.None).ConfigureAwait(false);
        await foreach (var _ in run.WatchStreamAsync().ConfigureAwait(false))
        {
        }

        return chars;
    }

    [Benchmark]
    public Task<WorkflowRunResult> EngineNullLedger() => _nullRuntime.RunAsync(new WorkflowDispatch(_spec, _agents, _inputs));

    [Benchmark]
    public Task<WorkflowRunResult> EngineSqliteLedger() => _sqliteRuntime.RunAsync(new WorkflowDispatch(_spec, _agents, _inputs));

    private async Task SetupAsync()
    {
        var agent = new AgentSpec("echo", null, AgentSpec.DeterministicModel, "llm");
        _agents["echo"] = agent;
        var nodes = Enumerable.Range(0, Nodes).Select(i => new WorkflowNode("n" + i, "execution", [new SpecReference("echo")])).ToArray();
        var edges = Shape == GraphShape.Chain ? Enumerable.Range(1, Nodes - 1).Select(i => new WorkflowEdge("n" + (i - 1), "n" + i)).ToArray() : [];
        _spec = new WorkflowSpec($"bench_{Shape}_{Nodes}".ToLowerInvariant(), null, new Dictionary<string, WorkflowInput>(), nodes, edges, null);
        _body = new AgentNodeFactory().Create(nodes[0], [agent])!;
        _folder = Directory.CreateTempSubdirectory("alpha-bench-wf-").FullName;
        _sqlite = await SqliteLedgerStore.OpenAsync(Path.Combine(_folder, "ledger.db"));
        _nullRuntime = new WorkflowRuntime(new WorkflowRuntimeOptions { Ledger = NullLedger.Create() });
        _sqliteRuntime = new WorkflowRuntime(new WorkflowRuntimeOptions { Ledger = _sqlite });

        // Each variant must really run every node, or the figures would measure an early exit.
        foreach (var result in new[] { await EngineNullLedger(), await EngineSqliteLedger() })
        {
            if (result.Run.Status != RunStatus.Completed || result.Outputs.Count != Nodes)
            {
                throw new InvalidOperationException($"the benchmark workflow ended {result.Run.Status} with {result.Outputs.Count} of {Nodes} outputs: {result.Run.Error}");
            }
        }

        if (await BareLoop() == 0 || await FrameworkOnly() != await BareLoop())
        {
            throw new InvalidOperationException("the bare loop or the framework-only run did not make every agent call");
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(OverheadPerUnitColumn.PerStep);
    }
}
