using System.Text.Json;
using Alpha.Platform.Ledger;
using Alpha.Testing.Databases;
using Alpha.Testing.Loopback;

namespace Alpha.Cli.Tests;

/// <summary><c>alpha analyze</c> recording its run in the ledger, on SQLite and on PostgreSQL.</summary>
public sealed class AnalyzeLedgerTests : IAsyncLifetime, IDisposable
{
    private const string Seed = """
        {
          "deployment_id": "deploy-123",
          "logs": ["ERROR: connection pool exhausted", "INFO: ok", "ERROR: timeout waiting for connection"],
          "metrics": {"cpu_usage": 0.45, "error_rate": 0.15},
          "recent_commits": [{"sha": "a1b2c3", "message": "reduce db pool size"}],
          "config_snapshot": {"db_pool_size": 10}
        }
        """;

    private readonly TempFiles _files = new();
    private LoopbackOpenAIServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackOpenAIServer.StartAsync();
        var hypothesis = new { label = "connection pool exhausted", description = "pool errors", confidence = 0.7, severity = "high", supporting_signals = new[] { "sig_001" } };
        _server.WhenEmpty = LoopbackReply.Json(new { hypotheses = new[] { hypothesis } }, promptTokens: 200, completionTokens: 50);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _files.Dispose();

    private Dictionary<string, string> LlmEnvironment() => new()
    {
        ["ALPHA_LLM_BASE_URL"] = _server.BaseUrl.ToString(),
        ["ALPHA_MODEL_LOGS"] = "anthropic/claude-sonnet-4-6",
        ["ALPHA_MODEL_METRICS"] = "google/gemini-2.0-flash",
    };

    private async Task AssertCompleteRunAsync(string db)
    {
        var analyze = await CliRunner.RunAsync(["analyze", _files.Write("seed.json", Seed), "--json", "--db", db], env: LlmEnvironment());
        Assert.Equal(0, analyze.ExitCode);
        Assert.Empty(analyze.Error);
        using var report = JsonDocument.Parse(analyze.Out);
        var runId = report.RootElement.GetProperty("run_id").GetString()!;

        var show = await CliRunner.RunAsync(["runs", "show", runId, "--json", "--db", db]);

        Assert.Equal(0, show.ExitCode);
        using var doc = JsonDocument.Parse(show.Out);
        var root = doc.RootElement;
        var run = root.GetProperty("run");
        Assert.Equal(("completed", "analysis", "incident_analysis"), (run.GetProperty("status").GetString(), run.GetProperty("spec_kind").GetString(), run.GetProperty("spec").GetProperty("name").GetString()));
        Assert.Equal(report.RootElement.GetProperty("execution_id").GetString(), run.GetProperty("task_id").GetString());
        Assert.Equal("deploy-123", run.GetProperty("inputs").GetProperty("deployment_id").GetString());
        var agentRuns = root.GetProperty("agent_runs").EnumerateArray().ToArray();
        Assert.Equal(["commits", "config", "logs", "metrics", "synthesis"], agentRuns.Select(a => a.GetProperty("agent").GetString()).Order());
        Assert.All(agentRuns, a => Assert.Equal("completed", a.GetProperty("status").GetString()));
        var steps = root.GetProperty("steps").EnumerateArray().ToArray();
        Assert.Equal(_server.RequestCount, steps.Length);
        Assert.Equal(["anthropic/claude-sonnet-4-6", "google/gemini-2.0-flash"], steps.Select(s => s.GetProperty("name").GetString()).Distinct().Order());
        var sonnet = steps.First(s => s.GetProperty("name").GetString() == "anthropic/claude-sonnet-4-6");
        Assert.Equal((200, 50, (200 * 3m + 50 * 15m) / 1_000_000m), (sonnet.GetProperty("input_tokens").GetInt32(), sonnet.GetProperty("output_tokens").GetInt32(), sonnet.GetProperty("cost_usd").GetDecimal()));
        Assert.Equal(250 * steps.Length, run.GetProperty("total_tokens").GetInt32());
        Assert.Equal(steps.Sum(s => s.GetProperty("cost_usd").GetDecimal()), run.GetProperty("total_cost_usd").GetDecimal());
        var frames = root.GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("stage").GetString()).ToArray();
        Assert.Equal("execution.started", frames[0]);
        Assert.Contains("agent.logs.model_call", frames);
        Assert.Equal("synthesis.completed", frames[^1]);

        var list = await CliRunner.RunAsync(["runs", "list", "--json", "--db", db]);
        using var runs = JsonDocument.Parse(list.Out);
        Assert.Equal(runId, Assert.Single(runs.RootElement.EnumerateArray()).GetProperty("run_id").GetString());
    }

    [Fact]
    public async Task Analyze_Sqlite_RecordsOneCompleteRunWithSteps()
    {
        await AssertCompleteRunAsync(Path.Combine(_files.Root, "alpha.db"));
    }

    [Fact]
    public async Task Analyze_Postgres_RecordsOneCompleteRunWithSteps()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();

        await AssertCompleteRunAsync(schema.ConnectionString);
    }

    [Fact]
    public async Task Analyze_NoLedger_WritesNothing()
    {
        var db = Path.Combine(_files.Root, "never.db");

        var run = await CliRunner.RunAsync(["analyze", _files.Write("seed.json", Seed), "--json", "--no-ledger", "--db", db]);

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(run.Out);
        Assert.False(report.RootElement.TryGetProperty("run_id", out _));
        Assert.False(File.Exists(db));
    }

    [Fact]
    public async Task Analyze_TextMode_SaysWhereTheRunWasRecorded()
    {
        var db = Path.Combine(_files.Root, "alpha.db");

        var run = await CliRunner.RunAsync(["analyze", _files.Write("seed.json", Seed), "--db", db]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"recorded as run run_", run.Error, StringComparison.Ordinal);
        Assert.Contains(db, run.Error, StringComparison.Ordinal);
        await using var store = await SqliteLedgerStore.OpenAsync(db);
        Assert.Equal(RunStatus.Completed, Assert.Single(await store.ListRunsAsync()).Status);
    }

    [Fact]
    public async Task Analyze_UnusableLedger_FailsBeforeAnalysing()
    {
        var notAFolder = _files.Write("file", "x");

        var run = await CliRunner.RunAsync(["analyze", _files.Write("seed.json", Seed), "--db", Path.Combine(notAFolder, "alpha.db")]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot open the ledger", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("execution.started", run.Error, StringComparison.Ordinal);
    }
}
