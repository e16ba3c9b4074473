using Alpha.Hosting.Analysis;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Runtime;
using Alpha.Runtime.Events;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Analysis;
using Alpha.Sre.Incidents;
using BenchmarkDotNet.Attributes;
using Npgsql;

namespace Alpha.Benchmarks;

/// <summary>
/// The ledger's costs, on SQLite (a WAL file in a temporary folder) and, when ALPHA_BENCH_PG or ALPHA_TEST_PG
/// holds a connection string, on PostgreSQL (a schema of its own):
/// <list type="bullet">
/// <item><see cref="SnapshotExisting"/>: hash-locking a spec whose content is already locked (the hot path of every
/// run; goal under 200 µs on SQLite), next to <see cref="HashOnly"/>, its CPU part;</item>
/// <item><see cref="RecordFiveAgentAnalysis"/>: everything <c>alpha analyze</c> adds for a 5-agent analysis (four
/// specialists and synthesis, one model call each): six idempotent snapshots, the run row, five agent runs with
/// their steps, about 30 frames, the final status (goal under 5 ms);</item>
/// <item><see cref="AnalyzeWithoutLedger"/> and <see cref="AnalyzeWithLedger"/>: the real deterministic analysis
/// of examples/incidents/db-pool-config.yaml without and with recording; the difference is the ledger's cost;</item>
/// <item><see cref="AppendOneFrame"/> and <see cref="AppendHundredFrames"/>: ledger write transactions; writes/s =
/// 1e9 / mean(ns) (x100 rows for the batch).</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class LedgerBenchmarks
{
    private string? _folder;
    private string? _schema;
    private string? _server;
    private ILedgerStore _store = null!;
    private AgentSpec _spec = null!;
    private ComposedAnalysis _analysis = null!;
    private SreAnalyzer _analyzer = null!;
    private IncidentInput _incident = null!;
    private RuntimeEvent[] _fiveAgentEvents = [];
    private string _fiveAgentExecution = string.Empty;
    private string _appendRun = string.Empty;
    private long _sequence;

    /// <summary>The stores to measure: SQLite always, PostgreSQL when a server is configured.</summary>
    public static IEnumerable<string> Stores => PostgresConnectionString is null ? ["sqlite"] : ["sqlite", "postgresql"];

    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = "sqlite";

    private static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable("ALPHA_BENCH_PG") is { Length: > 0 } bench ? bench
        : Environment.GetEnvironmentVariable("ALPHA_TEST_PG") is { Length: > 0 } test ? test
        : null;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    [Benchmark]
    public string HashOnly() => SpecCanonicalizer.Hash(_spec);

    [Benchmark]
    public Task<SpecSnapshot> SnapshotExisting() => _store.SnapshotAsync(_spec);

    [Benchmark]
    public async Task<WorkflowRun> RecordFiveAgentAnalysis()
    {
        await using var recorder = await AnalysisLedger.StartAsync(_store, _analysis, _incident, _fiveAgentExecution);
        foreach (var e in _fiveAgentEvents)
        {
            _analyzer.Events.Publish(e);
        }

        return await recorder.FinishAsync(Task.CompletedTask);
    }

    [Benchmark(Baseline = true)]
    public Task<AnalysisReport> AnalyzeWithoutLedger() => _analyzer.AnalyzeAsync(_incident);

    [Benchmark]
    public async Task<AnalysisReport> AnalyzeWithLedger()
    {
        var id = AlphaRuntime.NewExecutionId();
        await using var recorder = await AnalysisLedger.StartAsync(_store, _analysis, _incident, id);
        var analysis = _analyzer.AnalyzeAsync(_incident, id);
        await recorder.FinishAsync(analysis);
        return await analysis;
    }

    [Benchmark]
    public Task AppendOneFrame() => _store.AppendAsync(_appendRun, LedgerBatch.OfFrames([Frame(++_sequence)]));

    [Benchmark]
    public Task AppendHundredFrames()
    {
        var frames = new RunFrame[100];
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] = Frame(++_sequence);
        }

        return _store.AppendAsync(_appendRun, LedgerBatch.OfFrames(frames));
    }

    private RunFrame Frame(long sequence) =>
        new(_appendRun, sequence, "exe_bench", "agent.logs.started", "logs started (deterministic)", DateTimeOffset.UtcNow, """{"agent":"logs","mode":"deterministic"}""");

    private async Task SetupAsync()
    {
        if (Store == "postgresql")
        {
            _server = PostgresConnectionString ?? throw new InvalidOperationException("Set ALPHA_BENCH_PG (or ALPHA_TEST_PG) to measure PostgreSQL.");
            _schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(_server))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE SCHEMA {_schema}", connection);
                await create.ExecuteNonQueryAsync();
            }

            _store = await PostgresLedgerStore.OpenAsync(new NpgsqlConnectionStringBuilder(_server) { SearchPath = _schema }.ConnectionString);
        }
        else
        {
            _folder = Directory.CreateTempSubdirectory("alpha-bench-ledger-").FullName;
            _store = await SqliteLedgerStore.OpenAsync(Path.Combine(_folder, "alpha.db"));
        }

        _spec = new AgentSpec("research_lite", "Answers a question from a few sources and cites them.", "openai/gpt-4o-mini", "llm",
            "You are a careful research assistant. Cite every claim.", ["web_search", "fetch_url"], 60, new CostCaps(8000));
        await _store.SnapshotAsync(_spec);

        _analysis = AnalysisComposer.Compose(AnalysisSpecs.Default, new AnalysisCompositionOptions { Environment = _ => null });
        _analyzer = _analysis.Analyzer;
        _incident = await IncidentDocument.LoadAsync(Path.Combine(ExamplesRoot(), "incidents", "db-pool-config.yaml"), TextReader.Null, CancellationToken.None);

        // A real analysis's events, with one model call added to each of the four agents and to synthesis.
        _fiveAgentExecution = AlphaRuntime.NewExecutionId();
        var captured = new List<RuntimeEvent>();
        using (var subscription = _analyzer.Events.Subscribe(capacity: null, filter: e => e.ExecutionId == _fiveAgentExecution))
        {
            await _analyzer.AnalyzeAsync(_incident, _fiveAgentExecution);
            subscription.Complete();
            await foreach (var e in subscription)
            {
                captured.Add(e);
            }
        }

        var request = "system: You are the logs specialist...\nuser: " + new string('x', 2_000);
        var response = """{"hypotheses":[{"label":"connection pool exhaustion in orders","confidence":0.8,"severity":"high","supporting_signals":["sig_001"]}]}""";
        var events = new List<RuntimeEvent>();
        foreach (var e in captured)
        {
            events.Add(e);
            if (e is AgentStarted started)
            {
                events.Add(new ModelCallCompleted(e.ExecutionId, e.Timestamp, started.Agent, "anthropic/claude-sonnet-4-6", 1500, 400, 1200, request, response, null));
            }
        }

        _fiveAgentEvents = [.. events];
        var check = await RecordFiveAgentAnalysis();
        var detail = await _store.GetRunAsync(check.RunId) ?? throw new InvalidOperationException("the recorded run is missing");
        if (detail.AgentRuns.Count != 5 || detail.Steps.Count != 5 || detail.Frames.Count != _fiveAgentEvents.Length || check.Status != RunStatus.Completed)
        {
            throw new InvalidOperationException($"expected 5 agent runs, 5 steps and {_fiveAgentEvents.Length} frames, got {detail.AgentRuns.Count}, {detail.Steps.Count} and {detail.Frames.Count}");
        }

        var analysis = await _store.SnapshotAsync(new AnalysisSpec("bench", null, [new SpecReference("logs")], null, 5, new AnalysisThresholds(0.1, 30), new HumanReviewRule(0.5, 0.05)));
        _appendRun = (await _store.CreateRunAsync(new NewRun(SpecKind.Analysis, analysis.VersionId))).RunId;
        _sequence = 0;
    }

    private async Task CleanupAsync()
    {
        await _store.DisposeAsync();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }

        if (_schema is not null && _server is not null)
        {
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA {_schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    internal static string ExamplesRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples");
            if (Directory.Exists(Path.Combine(candidate, "incidents")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("examples/incidents was not found above the benchmark binaries.");
    }
}
