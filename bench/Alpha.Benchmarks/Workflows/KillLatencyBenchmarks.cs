using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Workflows;
using Alpha.Workflows.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Alpha.Benchmarks.Workflows;

/// <summary>
/// Kill latency: one operation = one kill of a run whose <see cref="SlowNodes"/> slow agents (a wide fan-out; each
/// waits until cancelled) are all in flight, measured from the kill until every node observed it
/// (<see cref="KillUntilNodesStopped"/>) or until the run is closed <c>cancelled</c> in the ledger
/// (<see cref="KillUntilRunClosed"/>). <see cref="Via"/>: <c>switch</c> = the in-process <c>KillSwitch</c>;
/// <c>ledger</c> = a kill request written by a second SQLite store instance (as <c>alpha runs kill</c> in another
/// process would), noticed by the runtime's 50 ms poll. The run is started and its agents put in flight in the
/// iteration setup (not measured); each iteration is one kill, so the percentiles are over kills.
/// Goals: every node stopped within 250 ms; p99 under 50 ms in one process.
/// </summary>
[Config(typeof(Config))]
[InvocationCount(1, 1)]
[IterationCount(100)]
[WarmupCount(3)]
public class KillLatencyBenchmarks
{
    private readonly Dictionary<string, AgentSpec> _agents = new(StringComparer.Ordinal) { ["slow"] = new AgentSpec("slow", null, "slow-agent", "llm") };
    private WorkflowSpec _spec = null!;
    private WorkflowRuntime _runtime = null!;
    private SqliteLedgerStore _ledger = null!;
    private SqliteLedgerStore _other = null!;
    private SlowNodeFactory _factory = null!;
    private string _folder = string.Empty;
    private Task<WorkflowRunResult> _run = null!;
    private string _runId = string.Empty;

    [Params(1, 10)]
    public int SlowNodes { get; set; }

    [Params("switch", "ledger")]
    public string Via { get; set; } = "switch";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("alpha-bench-kill-").FullName;
        var path = Path.Combine(_folder, "ledger.db");
        _ledger = SqliteLedgerStore.OpenAsync(path).GetAwaiter().GetResult();
        _other = SqliteLedgerStore.OpenAsync(path).GetAwaiter().GetResult();
        _factory = new SlowNodeFactory();
        _runtime = new WorkflowRuntime(new WorkflowRuntimeOptions { Ledger = _ledger, NodeFactories = [_factory] });
        _spec = new WorkflowSpec("bench_kill", null, new Dictionary<string, WorkflowInput>(), [.. Enumerable.Range(0, SlowNodes).Select(i => new WorkflowNode("slow" + i, "execution", [new SpecReference("slow")]))], [], null);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ledger.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _other.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    [IterationSetup]
    public void StartRun()
    {
        _factory.Expect(SlowNodes);
        _run = _runtime.RunAsync(new WorkflowDispatch(_spec, _agents));
        _factory.AllInFlight.GetAwaiter().GetResult();
        _runId = _runtime.KillSwitch.RunningRuns.Single();
    }

    [IterationCleanup]
    public void FinishRun()
    {
        var result = _run.GetAwaiter().GetResult();
        if (result.Run.Status != RunStatus.Cancelled)
        {
            throw new InvalidOperationException($"the killed run ended {result.Run.Status}: {result.Run.Error}");
        }
    }

    [Benchmark]
    public async Task KillUntilNodesStopped()
    {
        await KillAsync().ConfigureAwait(false);
        await _factory.AllStopped.ConfigureAwait(false);
    }

    [Benchmark]
    public async Task KillUntilRunClosed()
    {
        await KillAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(false);
    }

    private async Task KillAsync()
    {
        if (Via == "switch")
        {
            _runtime.KillSwitch.Kill(_runId, "bench");
        }
        else
        {
            await _other.RequestKillAsync(_runId, "bench").ConfigureAwait(false);
        }
    }

    /// <summary>Nodes whose agent waits until it is cancelled, counting how many are in flight and how many stopped.</summary>
    private sealed class SlowNodeFactory : INodeFactory
    {
        private int _inFlight;
        private int _stopped;
        private int _expected;
        private TaskCompletionSource _allInFlight = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _allStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task AllInFlight => _allInFlight.Task;

        public Task AllStopped => _allStopped.Task;

        public void Expect(int nodes)
        {
            _expected = nodes;
            _inFlight = 0;
            _stopped = 0;
            _allInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _allStopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public WorkflowNodeBody? Create(WorkflowNode node, IReadOnlyList<AgentSpec> agents) => new SlowBody(this);

        private sealed class SlowBody(SlowNodeFactory owner) : WorkflowNodeBody
        {
            protected override async Task<string> RunCoreAsync(NodeInvocation invocation, CancellationToken cancellationToken)
            {
                try
                {
                    var started = Task.Delay(Timeout.Infinite, cancellationToken);
                    if (Interlocked.Increment(ref owner._inFlight) == owner._expected)
                    {
                        owner._allInFlight.TrySetResult();
                    }

                    await started.ConfigureAwait(false);
                    return "never";
                }
                finally
                {
                    if (Interlocked.Increment(ref owner._stopped) == owner._expected)
                    {
                        owner._allStopped.TrySetResult();
                    }
                }
            }
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(StatisticColumn.P50, StatisticColumn.P95, new P99Column(), StatisticColumn.Max);
        }
    }
}
