using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Workflows.Scheduling;
using BenchmarkDotNet.Attributes;
using Npgsql;

namespace Alpha.Benchmarks;

/// <summary>
/// What a schedule costs besides the runs it dispatches, on SQLite and (when ALPHA_BENCH_PG or ALPHA_TEST_PG is set)
/// PostgreSQL:
/// <list type="bullet">
/// <item><see cref="ClaimNewFire"/>: claiming a fire (one INSERT ... ON CONFLICT DO NOTHING transaction that wins);</item>
/// <item><see cref="ClaimTakenFire"/>: the same claim for a fire another scheduler already holds (the conflict path);</item>
/// <item><see cref="LastFire"/>: the read a pass makes per schedule (latest claimed fire);</item>
/// <item><see cref="PlanOnePass"/> and <see cref="PlanAfterAYearDown"/>: the due-time computation of a <c>*/5</c> schedule
/// for one pass, and after a year without a scheduler (105,120 late occurrences counted; CPU only, the store is unused).</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class ScheduleBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);

    private string? _folder;
    private string? _schema;
    private string? _server;
    private ILedgerStore _store = null!;
    private WorkflowSchedule _schedule = null!;
    private long _fires;

    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = "sqlite";

    public static IEnumerable<string> Stores => LedgerBenchmarks.Stores;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    [Benchmark]
    public Task<bool> ClaimNewFire() => _store.ClaimScheduleFireAsync("bench/tick", Start.AddMinutes(Interlocked.Increment(ref _fires)), "target", null);

    [Benchmark]
    public Task<bool> ClaimTakenFire() => _store.ClaimScheduleFireAsync("bench/tick", Start, "target", null);

    [Benchmark]
    public Task<DateTimeOffset?> LastFire() => _store.GetLastScheduleFireAsync("bench/tick");

    [Benchmark]
    public FirePlan PlanOnePass() => FirePlanner.Plan(_schedule, Start, Start.AddMinutes(5).AddSeconds(2), 100);

    [Benchmark]
    public FirePlan PlanAfterAYearDown() => FirePlanner.Plan(_schedule, Start.AddDays(-365), Start.AddSeconds(2), 100);

    private async Task SetupAsync()
    {
        var spec = new WorkflowSpec(
            "bench",
            null,
            new Dictionary<string, WorkflowInput>(),
            [new WorkflowNode("tick", "schedule", [], new JsonObject { ["cron"] = "*/5 * * * *", ["workflow"] = "target" })],
            [],
            null);
        _schedule = ScheduleReader.Read(spec, "bench.yaml")[0];
        if (Store == "postgresql")
        {
            _server = Environment.GetEnvironmentVariable("ALPHA_BENCH_PG") is { Length: > 0 } bench ? bench
                : Environment.GetEnvironmentVariable("ALPHA_TEST_PG") ?? throw new InvalidOperationException("Set ALPHA_BENCH_PG (or ALPHA_TEST_PG) to measure PostgreSQL.");
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
            _folder = Directory.CreateTempSubdirectory("alpha-bench-schedule-").FullName;
            _store = await SqliteLedgerStore.OpenAsync(Path.Combine(_folder, "alpha.db"));
        }

        await _store.ClaimScheduleFireAsync("bench/tick", Start, "target", null);
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
}
