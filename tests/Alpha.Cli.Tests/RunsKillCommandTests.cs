using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Testing;
using Alpha.Testing.Databases;
using Alpha.Testing.Loopback;

namespace Alpha.Cli.Tests;

/// <summary><c>alpha runs kill</c> and <c>alpha runs tail</c> against a workflow run in another process (a child <c>alpha workflows run</c>).</summary>
public sealed class RunsKillCommandTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempFiles _files = new();
    private LoopbackOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task RunsKill_RunInAnotherProcessOnSqlite_ThatProcessAbortsTheCallAndRecordsWhoKilledIt()
    {
        var db = Path.Combine(_files.Root, "ledger.db");

        await KillAcrossProcessesAsync(db, async () => await SqliteLedgerStore.OpenAsync(db));
    }

    [Fact]
    public async Task RunsKill_RunInAnotherProcessOnPostgres_ThatProcessAbortsTheCallAndRecordsWhoKilledIt()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();

        await KillAcrossProcessesAsync(schema.ConnectionString, async () => await PostgresLedgerStore.OpenAsync(schema.ConnectionString));
    }

    [Fact]
    public async Task RunsTail_RunningRun_FollowsNewFramesAsJsonLinesUntilTheRunEnds()
    {
        var db = Path.Combine(_files.Root, "tail.db");
        using var alpha = StartHungWorkflow(db);
        var runId = await WaitForModelCallAsync(async () => await SqliteLedgerStore.OpenAsync(db));

        var tail = CliRunner.RunAsync(["runs", "tail", runId, "--json", "--db", db]);
        var kill = await CliRunner.RunAsync(["runs", "kill", runId, "--all", "--db", db]);
        var killAll = await CliRunner.RunAsync(["runs", "kill", "--all", "--by", "pager", "--json", "--db", db]);
        var followed = await tail.WaitAsync(Patience);
        await alpha.WaitAsync(Patience);

        Assert.Equal(2, kill.ExitCode);
        Assert.Equal(0, killAll.ExitCode);
        Assert.Equal(runId, JsonNode.Parse(killAll.Out)!["run_ids"]![0]!.GetValue<string>());
        Assert.Equal(0, followed.ExitCode);
        var lines = followed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray();
        var frames = lines.Where(l => l["type"]!.GetValue<string>() == "frame").ToArray();
        Assert.Equal(Enumerable.Range(1, frames.Length).Select(i => (long)i), frames.Select(f => f["sequence"]!.GetValue<long>()));
        Assert.Equal(["workflow.started", "node.ask.started"], frames.Take(2).Select(f => f["stage"]!.GetValue<string>()));
        Assert.Equal(["workflow.killed", "workflow.cancelled"], frames.TakeLast(2).Select(f => f["stage"]!.GetValue<string>()));
        Assert.Equal("pager", frames[^2]["extras"]!["by"]!.GetValue<string>());
        Assert.Equal("""{"type":"run","run_id":"RUN","status":"cancelled","error":"killed by pager"}""".Replace("RUN", runId, StringComparison.Ordinal), lines[^1].ToJsonString());
    }

    [Fact]
    public async Task RunsKill_FinishedRun_Exit1SaysSo_UnknownRun_Exit2_NothingOpen_Exit0()
    {
        var db = Path.Combine(_files.Root, "done.db");
        var spec = WriteWorkflow("deterministic");
        var finished = JsonNode.Parse((await CliRunner.RunAsync(["workflows", "run", spec, "--json", "--db", db])).Out)!["run_id"]!.GetValue<string>();

        var again = await CliRunner.RunAsync(["runs", "kill", finished, "--db", db]);
        var unknown = await CliRunner.RunAsync(["runs", "kill", "run_missing", "--db", db]);
        var none = await CliRunner.RunAsync(["runs", "kill", "--all", "--db", db]);
        var neither = await CliRunner.RunAsync(["runs", "kill", "--db", db]);

        Assert.Equal((1, $"run {finished} already finished (completed); nothing to kill"), (again.ExitCode, again.Error.Trim()));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no run 'run_missing'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(0, none.ExitCode);
        Assert.Contains("No open runs", none.Out, StringComparison.Ordinal);
        Assert.Equal(2, neither.ExitCode);
    }

    [Fact]
    public async Task RunsKill_AnalysisInAnotherProcess_AnalysisStopsAndTheRunSaysWhoKilledIt()
    {
        var db = Path.Combine(_files.Root, "analysis.db");
        _server.WhenEmpty = LoopbackReply.Hang();
        var seed = Path.Combine(SpecExamples.Root, "..", "incidents", "seed.json");
        using var alpha = AlphaProcess.Start(
            ["analyze", seed, "--json", "--db", db],
            new Dictionary<string, string> { ["ALPHA_LLM_BASE_URL"] = _server.BaseUrl.ToString(), ["ALPHA_MODEL_LOGS"] = "openai/gpt-4o-mini" });
        var runId = await WaitForModelCallAsync(async () => await SqliteLedgerStore.OpenAsync(db));

        var kill = await CliRunner.RunAsync(["runs", "kill", runId, "--by", "operator dan", "--db", db]);
        var result = await alpha.WaitAsync(Patience);

        Assert.Equal(0, kill.ExitCode);
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains($"killed by operator dan; recorded as run {runId} (cancelled)", result.Error, StringComparison.Ordinal);
        await using var store = await SqliteLedgerStore.OpenAsync(db);
        var run = (await store.GetRunAsync(runId))!.Run;
        Assert.Equal((RunStatus.Cancelled, "killed by operator dan"), (run.Status, run.Error));
    }

    [Fact]
    public async Task WorkflowsRun_StallAfterNotADuration_UsageError()
    {
        var run = await CliRunner.RunAsync(["workflows", "run", WriteWorkflow("deterministic"), "--stall-after", "soon"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--stall-after: 'soon' is not a duration", run.Error, StringComparison.Ordinal);
    }

    private async Task KillAcrossProcessesAsync(string db, Func<Task<ILedgerStore>> open)
    {
        using var alpha = StartHungWorkflow(db);
        var runId = await WaitForModelCallAsync(open);

        var kill = await CliRunner.RunAsync(["runs", "kill", runId, "--by", "operator carol", "--json", "--db", db]);
        var result = await alpha.WaitAsync(Patience);
        await _server.HungRequestAborted.WaitAsync(Patience);

        Assert.Equal(0, kill.ExitCode);
        Assert.True(JsonNode.Parse(kill.Out)!["requested"]!.GetValue<bool>());
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.Error}");
        var body = JsonNode.Parse(result.Out)!;
        Assert.Equal(("cancelled", "killed by operator carol"), (body["status"]!.GetValue<string>(), body["error"]!.GetValue<string>()));
        await using var store = await open();
        var detail = (await store.GetRunAsync(runId))!;
        Assert.Equal(AgentRunStatus.Cancelled, Assert.Single(detail.AgentRuns).Status);
        Assert.Contains(detail.Frames, f => f.Stage == "workflow.killed" && f.Message == "killed by operator carol");
    }

    private AlphaProcess StartHungWorkflow(string db)
    {
        _server.WhenEmpty = LoopbackReply.Hang();
        return AlphaProcess.Start(
            ["workflows", "run", WriteWorkflow("openai/gpt-4o-mini"), "--json", "--db", db],
            new Dictionary<string, string> { ["ALPHA_LLM_BASE_URL"] = _server.BaseUrl.ToString() });
    }

    private async Task<string> WaitForModelCallAsync(Func<Task<ILedgerStore>> open)
    {
        await _server.WaitForRequestAsync(1).WaitAsync(Patience);
        await using var store = await open();
        return Assert.Single(await store.ListRunsAsync()).RunId;
    }

    private string WriteWorkflow(string model)
    {
        var folder = Path.Combine(_files.Root, model.Replace('/', '_'));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "asker.yaml"), $"kind: agent\nname: asker\nmodel: {model}\nagent_kind: llm\nsystem_prompt: You answer.\n");
        var path = Path.Combine(folder, "slow.yaml");
        File.WriteAllText(path, "kind: workflow\nname: slow\nnodes:\n  - {id: ask, adapter: execution, agent: asker}\n");
        return path;
    }
}
