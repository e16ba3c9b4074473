using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Workflows;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Alpha.Benchmarks.Workflows;

/// <summary>
/// Trivial workflow runs per second on SQLite: one whole dispatch of a one-node workflow with a deterministic agent,
/// recorded in a SQLite ledger file (two idempotent snapshots, the run row, four frames, one agent run, the close).
/// Runs one after another; Op/s is the throughput of one caller.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class TrivialRunBenchmarks
{
    private readonly Dictionary<string, AgentSpec> _agents = new(StringComparer.Ordinal) { ["echo"] = new AgentSpec("echo", null, AgentSpec.DeterministicModel, "llm") };
    private readonly WorkflowSpec _spec = new("trivial", null, new Dictionary<string, WorkflowInput>(), [new WorkflowNode("only", "execution", [new SpecReference("echo")])], [], null);
    private SqliteLedgerStore _ledger = null!;
    private WorkflowRuntime _runtime = null!;
    private string _folder = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("alpha-bench-trivial-").FullName;
        _ledger = SqliteLedgerStore.OpenAsync(Path.Combine(_folder, "ledger.db")).GetAwaiter().GetResult();
        _runtime = new WorkflowRuntime(new WorkflowRuntimeOptions { Ledger = _ledger });
        if (TrivialRunOnSqlite().GetAwaiter().GetResult().Run.Status != RunStatus.Completed)
        {
            throw new InvalidOperationException("the trivial workflow did not complete");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ledger.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public Task<WorkflowRunResult> TrivialRunOnSqlite() => _runtime.RunAsync(new WorkflowDispatch(_spec, _agents));

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
