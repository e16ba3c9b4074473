using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Testing.Databases;

namespace Alpha.Cli.Tests;

public sealed class ScheduleCommandTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly TempFiles _files = new();

    public ScheduleCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_files.Root, "agents"));
        _files.Write("agents/echo.yaml", """
            kind: agent
            name: echo
            model: deterministic
            agent_kind: llm
            """);
        _files.Write("target.yaml", """
            kind: workflow
            name: target
            inputs:
              ticket: {type: string, required: true}
            nodes:
              - {id: triage, adapter: execution, agent: echo}
            """);
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task ScheduleOnce_DueFire_RunsTheWorkflowAndASecondOnceClaimsNothing()
    {
        var spec = Schedule("0 2 * * *");
        var db = Path.Combine(_files.Root, "ledger.db");

        var first = await CliRunner.RunAsync(["workflows", "schedule", spec, "--once", "--at", "2026-12-02T02:00:30Z", "--json", "--db", db]);
        var second = await CliRunner.RunAsync(["workflows", "schedule", spec, "--once", "--at", "2026-12-02T02:00:30Z", "--json", "--db", db]);

        Assert.True(first.ExitCode == 0, first.Error);
        var events = first.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["schedule.fire.claimed", "schedule.fire.running", "schedule.fire.completed"], events.Select(e => e["stage"]!.GetValue<string>()));
        Assert.All(events, e => Assert.Equal("2026-12-02T02:00:00.0000000Z", e["scheduled_at"]!.GetValue<string>()));
        var runId = events[^1]["run_id"]!.GetValue<string>();
        Assert.Equal((0, string.Empty), (second.ExitCode, second.Out));
        await using var store = await SqliteLedgerStore.OpenAsync(db);
        var fire = Assert.Single(await store.ListScheduleFiresAsync());
        Assert.Equal(("nightly/tick", ScheduleFireStatus.Completed, runId), (fire.Schedule, fire.Status, fire.RunId));
        var run = Assert.Single(await store.ListRunsAsync());
        Assert.Equal((runId, RunStatus.Completed), (run.RunId, run.Status));
        Assert.Contains("from the schedule", (await store.GetRunInputsAsync(runId))!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleOnce_TwoProcessesOnOneSqliteFile_EveryFireRunsOnce()
    {
        await RaceAsync(Path.Combine(_files.Root, "race.db"), async db => await SqliteLedgerStore.OpenAsync(db));
    }

    [Fact]
    public async Task ScheduleOnce_TwoProcessesOnOnePostgresLedger_EveryFireRunsOnce()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();

        await RaceAsync(schema.ConnectionString, async db => await PostgresLedgerStore.OpenAsync(db));
    }

    [Fact]
    public async Task Schedule_BadOptionsAndUnknownWorkflow_Exit2NamingEachField()
    {
        var badCron = Schedule("every night");
        var unknown = _files.Write("unknown.yaml", File.ReadAllText(Schedule("0 2 * * *")).Replace("workflow: target.yaml", "workflow: no_such_flow", StringComparison.Ordinal));
        var db = Path.Combine(_files.Root, "ledger.db");

        var cron = await CliRunner.RunAsync(["workflows", "schedule", badCron, "--once", "--db", db]);
        var target = await CliRunner.RunAsync(["workflows", "schedule", unknown, "--once", "--db", db]);
        var atWithoutOnce = await CliRunner.RunAsync(["workflows", "schedule", unknown, "--at", "2026-12-02T02:00:00Z", "--db", db]);

        Assert.Equal(2, cron.ExitCode);
        Assert.Contains("nodes[tick].options.cron: 'every night' is not a cron expression", cron.Error, StringComparison.Ordinal);
        Assert.Equal(2, target.ExitCode);
        Assert.Contains("nodes[tick].options.workflow: 'no_such_flow' cannot be dispatched", target.Error, StringComparison.Ordinal);
        Assert.Equal(2, atWithoutOnce.ExitCode);
        Assert.Contains("--at needs --once", atWithoutOnce.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkflowsRun_ScheduleSpec_Exit2SayingHowToRunIt()
    {
        var run = await CliRunner.RunAsync(["workflows", "run", Schedule("0 2 * * *"), "--db", Path.Combine(_files.Root, "ledger.db")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("alpha workflows schedule FILE", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleForeground_SigtermAfterFires_StopsCleanlyWithEveryFireAndRunClosed()
    {
        // Every second: the foreground scheduler fires on the real clock until it is told to stop.
        var spec = Schedule("* * * * * *");
        var db = Path.Combine(_files.Root, "foreground.db");
        using var alpha = AlphaProcess.Start(["workflows", "schedule", spec, "--db", db]);
        await WaitUntilAsync(db, async store => (await store.ListScheduleFiresAsync()).Count(f => f.Status == ScheduleFireStatus.Completed) >= 2, "two completed fires");

        await alpha.SignalAsync("TERM");
        var result = await alpha.WaitAsync(Patience);

        Assert.True(result.ExitCode == 143, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains("schedule.started", result.Out, StringComparison.Ordinal);
        Assert.Contains("schedule.stopped", result.Out, StringComparison.Ordinal);
        await using var store = await SqliteLedgerStore.OpenAsync(db);
        var fires = await store.ListScheduleFiresAsync(limit: 1000);
        Assert.All(fires, f => Assert.True(f.Status is ScheduleFireStatus.Completed or ScheduleFireStatus.Cancelled, $"{f.ScheduledAt:O} is {f.Status}"));
        Assert.Equal(fires.Count, fires.Select(f => f.ScheduledAt).Distinct().Count());
        var runs = await store.ListRunsAsync(1000);
        Assert.All(runs, r => Assert.True(r.Status is RunStatus.Completed or RunStatus.Cancelled, $"{r.RunId} is {r.Status}"));
        Assert.Equal(fires.Count(f => f.RunId is not null), runs.Count);
    }

    private string Schedule(string cron, string missed = "skip", int grace = 60) => _files.Write($"nightly-{Guid.NewGuid():N}.yaml", $$"""
        kind: workflow
        name: nightly
        nodes:
          - id: tick
            adapter: schedule
            options:
              cron: "{{cron}}"
              workflow: target.yaml
              inputs: {ticket: "from the schedule"}
              missed: {{missed}}
              grace_seconds: {{grace}}
        """);

    private async Task RaceAsync(string db, Func<string, Task<ILedgerStore>> open)
    {
        // Every minute, with a 10-minute grace: at 02:00:10 the fires 01:51 ... 02:00 are all due, and both processes want each.
        var spec = Schedule("* * * * *", grace: 600);
        string[] args = ["workflows", "schedule", spec, "--once", "--at", "2026-12-02T02:00:10Z", "--json", "--db", db];
        using var first = AlphaProcess.Start(args);
        using var second = AlphaProcess.Start(args);

        var results = new[] { await first.WaitAsync(Patience), await second.WaitAsync(Patience) };

        Assert.All(results, r => Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Error}"));
        var claimed = results.SelectMany(r => r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Select(l => JsonNode.Parse(l)!)
            .Where(e => e["stage"]!.GetValue<string>() == "schedule.fire.claimed")
            .Select(e => e["scheduled_at"]!.GetValue<string>())
            .ToList();
        Assert.Equal(10, claimed.Count);
        Assert.Equal(10, claimed.Distinct().Count());
        await using var store = await open(db);
        var fires = await store.ListScheduleFiresAsync(limit: 100);
        Assert.Equal(10, fires.Count);
        Assert.All(fires, f => Assert.Equal(ScheduleFireStatus.Completed, f.Status));
        Assert.Equal(10, (await store.ListRunsAsync(100)).Count);
    }

    private static async Task WaitUntilAsync(string db, Func<ILedgerStore, Task<bool>> condition, string what)
    {
        // Another process's progress has no event to await here: poll its ledger, with a deadline.
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (File.Exists(db))
            {
                await using var store = await SqliteLedgerStore.OpenAsync(db);
                if (await condition(store))
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
