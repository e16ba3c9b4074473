using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Testing;
using Alpha.Testing.Databases;
using Alpha.Workflows.Scheduling;
using static Alpha.Workflows.Tests.Scheduling.Schedules;

namespace Alpha.Workflows.Tests.Scheduling;

public sealed class WorkflowSchedulerTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "alpha-sched-" + Guid.NewGuid().ToString("N"));

    private string DbPath => Path.Combine(_directory, "ledger.db");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunOnce_DueFire_DispatchesTheWorkflowAndLinksTheFireToItsRun()
    {
        var clock = new ManualTimeProvider(Night.AddSeconds(12));
        await using var ledger = await SqliteLedgerStore.OpenAsync(DbPath, clock);
        var harness = new SchedulerHarness(ledger, clock, ScheduleReader.Read(Spec("0 2 * * *"), "nightly.yaml"));

        var runs = await harness.Scheduler.RunOnceAsync();

        var run = Assert.Single(runs);
        Assert.Equal(("nightly/tick", Night, ScheduleFireStatus.Completed), (run.Schedule, run.ScheduledAt, run.Status));
        var fire = Assert.Single(await ledger.ListScheduleFiresAsync("nightly/tick"));
        Assert.Equal((ScheduleFireStatus.Completed, run.RunId, "target"), (fire.Status, fire.RunId, fire.Workflow));
        Assert.Equal((await ledger.GetSpecVersionsAsync(SpecKind.Workflow, "nightly"))[0].VersionId, fire.SpecVersionId);
        var recorded = await ledger.GetRunAsync(run.RunId!);
        Assert.Equal(RunStatus.Completed, recorded!.Run.Status);
        Assert.Contains("nightly sweep", (await ledger.GetRunInputsAsync(run.RunId!))!.Text, StringComparison.Ordinal);
        Assert.Equal(
            ["schedule.fire.claimed", "schedule.fire.running", "schedule.fire.completed"],
            harness.Events.Select(e => e.Stage));
    }

    [Fact]
    public async Task RunOnce_NothingDue_ClaimsNothing()
    {
        var clock = new ManualTimeProvider(Night.AddMinutes(3));
        await using var ledger = await SqliteLedgerStore.OpenAsync(DbPath, clock);
        var harness = new SchedulerHarness(ledger, clock, ScheduleReader.Read(Spec("0 2 * * *"), "nightly.yaml"));

        Assert.Empty(await harness.Scheduler.RunOnceAsync());
        Assert.Empty(await ledger.ListScheduleFiresAsync());
        Assert.Empty(await ledger.ListRunsAsync());
    }

    [Fact]
    public async Task RunOnce_RestartOnTheSameLedgerFile_SecondSchedulerClaimsNothingTwice()
    {
        var clock = new ManualTimeProvider(Night.AddSeconds(5));
        var schedules = ScheduleReader.Read(Spec("*/5 * * * *", "run_all"), "nightly.yaml");
        await using (var first = await SqliteLedgerStore.OpenAsync(DbPath, clock))
        {
            Assert.Single(await new SchedulerHarness(first, clock, schedules).Scheduler.RunOnceAsync());
        }

        // The "restarted" process: a new store and scheduler on the same file, at the same instant and a little later.
        await using var second = await SqliteLedgerStore.OpenAsync(DbPath, clock);
        var restarted = new SchedulerHarness(second, clock, schedules);
        var again = await restarted.Scheduler.RunOnceAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        var next = await restarted.Scheduler.RunOnceAsync();

        Assert.Empty(again);
        Assert.Equal([Night.AddMinutes(5)], next.Select(r => r.ScheduledAt));
        Assert.Equal([Night.AddMinutes(5), Night], (await second.ListScheduleFiresAsync()).Select(f => f.ScheduledAt));
        Assert.Equal(2, (await second.ListRunsAsync()).Count);
    }

    [Theory]
    [InlineData("skip", new[] { 0 })]
    [InlineData("run_once", new[] { 55, 0 })]
    [InlineData("run_all", new[] { 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 0 })]
    public async Task RunOnce_RestartAfterAnHourDown_FollowsTheMissedFirePolicy(string missed, int[] minutesPastTheHour)
    {
        var clock = new ManualTimeProvider(Night.AddHours(-1).AddSeconds(2));
        var schedules = ScheduleReader.Read(Spec("*/5 * * * *", missed), "nightly.yaml");
        await using (var before = await SqliteLedgerStore.OpenAsync(DbPath, clock))
        {
            Assert.Single(await new SchedulerHarness(before, clock, schedules).Scheduler.RunOnceAsync());
        }

        clock.Advance(TimeSpan.FromHours(1));
        await using var after = await SqliteLedgerStore.OpenAsync(DbPath, clock);
        var harness = new SchedulerHarness(after, clock, schedules);
        var runs = await harness.Scheduler.RunOnceAsync();

        Assert.Equal(minutesPastTheHour.Select(m => m == 0 ? Night : Night.AddHours(-1).AddMinutes(m)), runs.Select(r => r.ScheduledAt).Order());
        Assert.All(runs, r => Assert.Equal(ScheduleFireStatus.Completed, r.Status));
        Assert.Equal(runs.Count + 1, (await after.ListRunsAsync()).Count);
        var skipped = 11 - (runs.Count - 1);
        Assert.Equal(skipped > 0, harness.Events.Any(e => e.Stage == "schedule.fire.skipped" && e.Message.StartsWith($"{skipped} late fire(s)", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunOnce_TwoSchedulersRacingOnOneSqliteFile_EveryFireRunsExactlyOnce()
    {
        var clock = new ManualTimeProvider(Night.AddSeconds(1));
        await using var a = await SqliteLedgerStore.OpenAsync(DbPath, clock);
        await using var b = await SqliteLedgerStore.OpenAsync(DbPath, clock);

        await RaceAsync(a, b, clock);
    }

    [Fact]
    public async Task RunOnce_TwoSchedulersRacingOnOnePostgresLedger_EveryFireRunsExactlyOnce()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();
        var clock = new ManualTimeProvider(Night.AddSeconds(1));
        await using var a = await PostgresLedgerStore.OpenAsync(schema.ConnectionString, clock);
        await using var b = await PostgresLedgerStore.OpenAsync(schema.ConnectionString, clock);

        await RaceAsync(a, b, clock);
    }

    [Fact]
    public async Task RunOnce_TargetCannotBeResolved_RecordsTheFireFailedWithTheReason()
    {
        var clock = new ManualTimeProvider(Night.AddSeconds(1));
        await using var ledger = await SqliteLedgerStore.OpenAsync(DbPath, clock);
        var harness = new SchedulerHarness(
            ledger,
            clock,
            ScheduleReader.Read(Spec("0 2 * * *"), "nightly.yaml"),
            (_, _) => throw new SpecValidationException([new SpecError("target.yaml", 3, "nodes", "needs at least one node")]));

        var run = Assert.Single(await harness.Scheduler.RunOnceAsync());

        Assert.Equal((ScheduleFireStatus.Failed, (string?)null), (run.Status, run.RunId));
        var fire = Assert.Single(await ledger.ListScheduleFiresAsync());
        Assert.Equal(ScheduleFireStatus.Failed, fire.Status);
        Assert.Contains("target.yaml:3: nodes: needs at least one node", fire.Error, StringComparison.Ordinal);
        Assert.Empty(await ledger.ListRunsAsync());
    }

    [Fact]
    public async Task RunAsync_ClockReachesTheNextFire_FiresItThenStopsCleanlyOnCancel()
    {
        var clock = new ManualTimeProvider(Night.AddMinutes(3));
        await using var ledger = await SqliteLedgerStore.OpenAsync(DbPath, clock);
        var harness = new SchedulerHarness(ledger, clock, ScheduleReader.Read(Spec("*/5 * * * *"), "nightly.yaml"));
        using var stop = new CancellationTokenSource();

        var loop = harness.Scheduler.RunAsync(stop.Token);
        var waiting = await harness.NextAsync("schedule.waiting");
        clock.Advance(TimeSpan.FromMinutes(2));
        var completed = await harness.NextAsync("schedule.fire.completed");
        var waitingAgain = await harness.NextAsync("schedule.waiting", 2);
        await stop.CancelAsync();
        await loop;

        Assert.Equal(Night.AddMinutes(5), waiting.ScheduledAt);
        Assert.Equal(Night.AddMinutes(5), completed.ScheduledAt);
        Assert.Equal(Night.AddMinutes(10), waitingAgain.ScheduledAt);
        Assert.Equal("schedule.stopped", harness.Events.Last().Stage);
        var fire = Assert.Single(await ledger.ListScheduleFiresAsync());
        Assert.Equal((ScheduleFireStatus.Completed, completed.RunId), (fire.Status, fire.RunId));
    }

    private static async Task RaceAsync(ILedgerStore a, ILedgerStore b, ManualTimeProvider clock)
    {
        // Both last fired an hour ago; with run_all each has 12 fires to catch up, and both race for all of them.
        var schedules = ScheduleReader.Read(Spec("*/5 * * * *", "run_all"), "nightly.yaml");
        Assert.True(await a.ClaimScheduleFireAsync("nightly/tick", Night.AddHours(-1), "target", null));
        var first = new SchedulerHarness(a, clock, schedules);
        var second = new SchedulerHarness(b, clock, schedules);

        var results = await Task.WhenAll(
            Task.Run(() => first.Scheduler.RunOnceAsync()),
            Task.Run(() => second.Scheduler.RunOnceAsync()));

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(12, all.Count);
        Assert.Equal(12, all.Select(r => r.ScheduledAt).Distinct().Count());
        Assert.All(all, r => Assert.Equal(ScheduleFireStatus.Completed, r.Status));
        Assert.Equal(12, (await a.ListRunsAsync(100)).Count);
        Assert.Equal(13, (await b.ListScheduleFiresAsync(limit: 100)).Count);
        Assert.Equal(12, first.Events.Concat(second.Events).Count(e => e.Stage == "schedule.fire.claimed"));
    }
}
