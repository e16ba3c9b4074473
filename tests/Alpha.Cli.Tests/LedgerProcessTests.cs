using System.Text.Json;
using Alpha.Platform.Ledger;
using Alpha.Testing.Databases;
using Alpha.Testing.Loopback;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Alpha.Cli.Tests;

/// <summary>The ledger across OS processes: two <c>alpha</c> processes racing on one PostgreSQL, and a process killed mid-run.</summary>
public sealed class LedgerProcessTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempFiles _files = new();
    private LoopbackOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task SpecsSnapshot_TwoProcessesSameContentOnPostgres_ExactlyOneRow()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();
        await (await PostgresLedgerStore.OpenAsync(schema.ConnectionString)).DisposeAsync();
        var spec = _files.Write("spec.yaml", "kind: agent\nname: raced\nmodel: openai/gpt-4o-mini\nagent_kind: llm\n");

        // Hold the table so that both processes get as far as their first read of it, then let them go at once.
        await using var gate = new NpgsqlConnection(schema.ConnectionString);
        await gate.OpenAsync();
        await using var hold = await gate.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE agent_spec_versions IN ACCESS EXCLUSIVE MODE", gate, hold))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        using var first = AlphaProcess.Start(["specs", "snapshot", spec, "--json", "--db", schema.ConnectionString]);
        using var second = AlphaProcess.Start(["specs", "snapshot", spec, "--json", "--db", schema.ConnectionString]);
        await WaitUntilAsync(async () => await CountWaitingAsync(schema.ConnectionString) == 2, "both processes blocked on agent_spec_versions");
        await hold.CommitAsync();
        var results = await Task.WhenAll(first.WaitAsync(Patience), second.WaitAsync(Patience));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));
        var snapshots = results.Select(r => JsonDocument.Parse(r.Out).RootElement).ToArray();
        Assert.Single(snapshots.Select(s => s.GetProperty("version_id").GetString()).Distinct());
        Assert.Equal([false, true], snapshots.Select(s => s.GetProperty("created").GetBoolean()).Order());
        Assert.Equal(1L, await schema.ScalarAsync("SELECT COUNT(*) FROM agent_spec_versions"));
    }

    [Fact]
    public async Task SpecsSnapshot_FourProcessesOnAFreshSqliteFile_OneMigrationOneRow()
    {
        var db = Path.Combine(_files.Root, "fresh", "alpha.db");
        var spec = _files.Write("spec.yaml", "kind: workflow\nname: raced\nnodes:\n  - {id: a, adapter: graph, agent: x}\n");

        var processes = Enumerable.Range(0, 4).Select(_ => AlphaProcess.Start(["specs", "snapshot", spec, "--json", "--db", db])).ToArray();
        var results = await Task.WhenAll(processes.Select(p => p.WaitAsync(Patience)));
        foreach (var p in processes)
        {
            p.Dispose();
        }

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));
        Assert.Single(results.Select(r => JsonDocument.Parse(r.Out).RootElement.GetProperty("version_id").GetString()).Distinct());
        Assert.Single(results, r => JsonDocument.Parse(r.Out).RootElement.GetProperty("created").GetBoolean());
        await using var store = await SqliteLedgerStore.OpenAsync(db);
        var listed = Assert.Single(await store.ListSpecsAsync());
        Assert.Equal(1, listed.Versions);
    }

    [Fact]
    public async Task Analyze_KilledMidRunOnSqlite_LedgerWholeAndRecoverable()
    {
        var db = Path.Combine(_files.Root, "alpha.db");

        await KillMidRunAndRecoverAsync(db, () => SqliteLedgerStore.OpenAsync(db).ContinueWith(t => (ILedgerStore)t.Result, TaskScheduler.Default));

        await using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        await connection.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", (string)(await check.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Analyze_KilledMidRunOnPostgres_LedgerWholeAndRecoverable()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();

        await KillMidRunAndRecoverAsync(schema.ConnectionString, async () => await PostgresLedgerStore.OpenAsync(schema.ConnectionString));
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task Analyze_SignalMidRun_RecordedCancelledWithFramesAndSignalExitCode(string signal, int expectedExitCode)
    {
        var db = Path.Combine(_files.Root, $"signal-{signal}.db");
        using var alpha = StartHungAnalysis(db);
        await using (var store = await SqliteLedgerStore.OpenAsync(db))
        {
            await WaitUntilAsync(async () => await store.ListRunsAsync() is [var r] && (await store.GetRunAsync(r.RunId))!.AgentRuns.Count == 3, "the three deterministic agent runs recorded");
        }

        await alpha.SignalAsync(signal);
        var result = await alpha.WaitAsync(Patience);

        Assert.True(result.ExitCode == expectedExitCode, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains("cancelled", result.Error, StringComparison.Ordinal);
        await using (var store = await SqliteLedgerStore.OpenAsync(db))
        {
            var run = Assert.Single(await store.ListRunsAsync());
            var detail = (await store.GetRunAsync(run.RunId))!;
            Assert.Equal(RunStatus.Cancelled, detail.Run.Status);
            Assert.NotNull(detail.Run.FinishedAt);
            Assert.Equal(AgentRunStatus.Cancelled, Assert.Single(detail.AgentRuns, a => a.Agent == "logs").Status);
            Assert.Contains(detail.Frames, f => f.Stage == "execution.cancelled");
            Assert.Equal(Enumerable.Range(1, detail.Frames.Count).Select(i => (long)i), detail.Frames.Select(f => f.Sequence));
        }
    }

    [Fact]
    public async Task Analyze_RunClosedByAnotherProcessMidRun_ResultStandsExit0()
    {
        var db = Path.Combine(_files.Root, "closed.db");
        var release = new TaskCompletionSource();
        _server.WhenEmpty = LoopbackReply.After(release.Task, LoopbackReply.Text("no hypotheses"));
        var incident = _files.Write("seed.json", """{"deployment_id": "d-1", "logs": ["ERROR: connection pool exhausted"], "metrics": {"error_rate": 0.2}}""");
        using var alpha = AlphaProcess.Start(
            ["analyze", incident, "--json", "--db", db],
            new Dictionary<string, string> { ["ALPHA_LLM_BASE_URL"] = _server.BaseUrl.ToString(), ["ALPHA_MODEL_LOGS"] = "openai/gpt-4o-mini" });
        await _server.WaitForRequestAsync(1).WaitAsync(Patience);

        // As a recovery on another host would that saw a stale heartbeat: the run is closed under the live process.
        await using (var store = await SqliteLedgerStore.OpenAsync(db))
        {
            Assert.Equal(1, await store.FailAbandonedRunsAsync(DateTimeOffset.UtcNow.AddMinutes(1), "abandoned: closed by a test"));
        }

        release.SetResult();
        var result = await alpha.WaitAsync(Patience);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains("ranked_hypotheses", result.Out, StringComparison.Ordinal);
        Assert.Contains("was closed as failed by another process", result.Error, StringComparison.Ordinal);
        await using (var store = await SqliteLedgerStore.OpenAsync(db))
        {
            var run = Assert.Single(await store.ListRunsAsync());
            Assert.Equal((RunStatus.Failed, "abandoned: closed by a test"), (run.Status, run.Error));
        }
    }

    private AlphaProcess StartHungAnalysis(string db)
    {
        // The logs agent calls a model that never answers; the three other agents finish deterministically.
        _server.WhenEmpty = LoopbackReply.Hang();
        var incident = _files.Write("seed.json", """{"deployment_id": "d-1", "logs": ["ERROR: connection pool exhausted"], "metrics": {"error_rate": 0.2}}""");
        // Long agent and model-call timeouts: on a loaded machine the defaults (30 s, 60 s) could end the hung call (and
        // the run, with the rules' fallback) before the test has seen the three other agents finish and sent its signal.
        var spec = _files.Write("patient_analysis.yaml", """
            kind: analysis
            name: incident_analysis
            agents: [logs, metrics, commits, config]
            synthesis: synthesis
            thresholds:
              agent_timeout_seconds: 600
            """);
        return AlphaProcess.Start(
            ["analyze", incident, "--json", "--db", db, "--spec", spec],
            new Dictionary<string, string> { ["ALPHA_LLM_BASE_URL"] = _server.BaseUrl.ToString(), ["ALPHA_MODEL_LOGS"] = "openai/gpt-4o-mini", ["ALPHA_LLM_TIMEOUT_SECONDS"] = "600" });
    }

    private async Task KillMidRunAndRecoverAsync(string db, Func<Task<ILedgerStore>> open)
    {
        using var alpha = StartHungAnalysis(db);
        await _server.WaitForRequestAsync(1).WaitAsync(Patience);
        await using (var store = await open())
        {
            await WaitUntilAsync(async () => await store.ListRunsAsync() is [var r] && (await store.GetRunAsync(r.RunId))!.AgentRuns.Count == 3, "the three deterministic agent runs recorded");
        }

        // While the process lives, recovery leaves its run alone, however short the inactivity asked for.
        var early = await CliRunner.RunAsync(["runs", "recover", "--inactive-for", "0.001s", "--db", db]);
        Assert.Equal(0, early.ExitCode);
        Assert.StartsWith("0 abandoned run(s) marked failed", early.Out, StringComparison.Ordinal);
        Assert.Contains("left running (live: its process", early.Out, StringComparison.Ordinal);

        await alpha.KillAsync();

        await using (var store = await open())
        {
            var run = Assert.Single(await store.ListRunsAsync());
            var detail = (await store.GetRunAsync(run.RunId))!;
            Assert.Equal(RunStatus.Running, detail.Run.Status);
            Assert.Null(detail.Run.FinishedAt);
            Assert.Equal(["commits", "config", "metrics"], detail.AgentRuns.Select(a => a.Agent).Order());
            Assert.All(detail.AgentRuns, a => Assert.Equal(AgentRunStatus.Completed, a.Status));
            Assert.Empty(detail.Steps);
            Assert.Equal(Enumerable.Range(1, detail.Frames.Count).Select(i => (long)i), detail.Frames.Select(f => f.Sequence));
            Assert.Equal(detail.AgentRuns.Sum(a => a.InputTokens + a.OutputTokens), detail.Run.TotalTokens);
        }

        var recover = await CliRunner.RunAsync(["runs", "recover", "--inactive-for", "0.001s", "--db", db]);

        Assert.Equal(0, recover.ExitCode);
        Assert.StartsWith("1 abandoned run(s) marked failed", recover.Out, StringComparison.Ordinal);
        await using (var store = await open())
        {
            var run = Assert.Single(await store.ListRunsAsync());
            Assert.Equal(RunStatus.Failed, run.Status);
            Assert.StartsWith($"abandoned: its process {alpha.Id} on {Environment.MachineName} is gone", run.Error, StringComparison.Ordinal);
            Assert.Equal(3, (await store.GetRunAsync(run.RunId))!.AgentRuns.Count);
        }
    }

    private static async Task<long> CountWaitingAsync(string connectionString)
    {
        // A connection of its own: pg_stat_activity is a snapshot that stays fixed for the rest of a transaction.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%agent_spec_versions%' AND pid <> pg_backend_pid()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        // Another process's progress has no event to await here: poll it, with a deadline.
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }
    }
}
