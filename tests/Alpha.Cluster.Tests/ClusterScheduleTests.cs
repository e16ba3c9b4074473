using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Alpha.Cluster.Tests;

/// <summary>Schedules as Orleans reminders on the 3-silo test cluster: each fire dispatched once, also when the silo holding the schedule dies.</summary>
public sealed class ClusterScheduleTests
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Schedule_SiloHoldingItKilledAndReplaced_EveryFireRunsExactlyOnce()
    {
        await using var harness = await ClusterHarness.StartAsync();
        harness.Gate.Open();
        await harness.Ledger.SnapshotAsync(new AgentSpec("echo", null, AgentSpec.DeterministicModel, "llm"));
        await harness.Ledger.SnapshotAsync(new WorkflowSpec("tick", null, new Dictionary<string, WorkflowInput>(), [new WorkflowNode("only", "execution", [new SpecReference("echo")])], [], null));
        // run_all: a fire that falls due while the schedule's silo is being lost is run late, not dropped, so the fires
        // must be every 2-second occurrence from the first to the last, each once.
        var options = new JsonObject { ["cron"] = "*/2 * * * * *", ["workflow"] = "tick", ["missed"] = "run_all", ["grace_seconds"] = 1 };
        var spec = new WorkflowSpec("ticks", null, new Dictionary<string, WorkflowInput>(), [new WorkflowNode("every2s", "schedule", [], options)], [], null);

        var registered = Assert.Single(await harness.Gateway.ScheduleAsync(spec));
        Assert.True(registered.Active, registered.Error);
        Assert.Equal("ticks/every2s", registered.Key);
        await ClusterHarness.WaitUntilAsync(async () => (await CompletedAsync(harness, registered.Key)) >= 3, "three fires complete");

        var holder = (await harness.Gateway.SchedulesAsync()).Single().Silo;
        var victim = harness.Cluster.Silos.Single(s => s.SiloAddress.ToParsableString() == holder);
        var before = await CompletedAsync(harness, registered.Key);
        await harness.Cluster.KillSiloAsync(victim);
        await harness.Cluster.StartAdditionalSiloAsync();
        await ClusterHarness.WaitUntilAsync(async () => (await CompletedAsync(harness, registered.Key)) >= before + 4, "four more fires complete after the silo holding the schedule died");
        var moved = (await harness.Gateway.SchedulesAsync()).Single();
        Assert.NotEqual(holder, moved.Silo);

        Assert.NotNull(await harness.Gateway.UnscheduleAsync(registered.Key));
        await ClusterHarness.WaitUntilAsync(async () => (await harness.Ledger.ListScheduleFiresAsync(registered.Key, 1000)).All(f => f.Status is not (ScheduleFireStatus.Claimed or ScheduleFireStatus.Running)), "every fire ends");

        var fires = (await harness.Ledger.ListScheduleFiresAsync(registered.Key, 1000)).OrderBy(f => f.ScheduledAt).ToArray();
        Assert.Empty(await harness.Gateway.SchedulesAsync());
        Assert.All(fires, f => Assert.Equal(ScheduleFireStatus.Completed, f.Status));
        for (var i = 1; i < fires.Length; i++)
        {
            Assert.Equal(Every, fires[i].ScheduledAt - fires[i - 1].ScheduledAt);
        }

        // One completed ledger run per fire, and no other (an interrupted run, if a run was on the lost silo, is failed and
        // continued by its fire's run).
        var runs = await harness.Ledger.SearchRunsAsync(new RunQuery(Limit: 1000));
        var completed = runs.Where(r => r.Status == RunStatus.Completed).Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(fires.Length, completed.Count);
        Assert.Equal(completed.Order(StringComparer.Ordinal), fires.Select(f => f.RunId!).Order(StringComparer.Ordinal));
        Assert.All(runs.Where(r => r.Status != RunStatus.Completed), r => Assert.StartsWith("interrupted: node", r.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Schedule_RegisteredOnEveryNode_OneScheduleFiresOnce()
    {
        await using var harness = await ClusterHarness.StartAsync();
        await harness.Ledger.SnapshotAsync(new AgentSpec("echo", null, AgentSpec.DeterministicModel, "llm"));
        await harness.Ledger.SnapshotAsync(new WorkflowSpec("tick", null, new Dictionary<string, WorkflowInput>(), [new WorkflowNode("only", "execution", [new SpecReference("echo")])], [], null));
        var options = new JsonObject { ["cron"] = "*/2 * * * * *", ["workflow"] = "tick" };
        var spec = new WorkflowSpec("ticks", null, new Dictionary<string, WorkflowInput>(), [new WorkflowNode("every2s", "schedule", [], options)], [], null);

        // Every node registers the same schedule (as every node's start-up would): still one grain, one reminder.
        foreach (var silo in harness.Cluster.Silos)
        {
            var gateway = new ClusterGateway(((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<IGrainFactory>(), harness.Ledger, harness.Cluster.Options.ClusterId);
            Assert.Single(await gateway.ScheduleAsync(spec));
        }

        await ClusterHarness.WaitUntilAsync(async () => (await CompletedAsync(harness, "ticks/every2s")) >= 3, "three fires complete");
        Assert.NotNull(await harness.Gateway.UnscheduleAsync("ticks/every2s"));
        await ClusterHarness.WaitUntilAsync(async () => (await harness.Ledger.ListScheduleFiresAsync("ticks/every2s", 1000)).All(f => f.Status is not (ScheduleFireStatus.Claimed or ScheduleFireStatus.Running)), "every fire ends");

        var fires = await harness.Ledger.ListScheduleFiresAsync("ticks/every2s", 1000);
        var runs = await harness.Ledger.SearchRunsAsync(new RunQuery(Limit: 1000));
        Assert.Empty(await harness.Gateway.SchedulesAsync());
        Assert.Equal(fires.Count, runs.Count);
        Assert.Equal(fires.Count, fires.Select(f => f.RunId).Distinct().Count());
        Assert.All(runs, r => Assert.Equal(RunStatus.Completed, r.Status));
    }

    private static async Task<int> CompletedAsync(ClusterHarness harness, string key) =>
        (await harness.Ledger.ListScheduleFiresAsync(key, 1000)).Count(f => f.Status == ScheduleFireStatus.Completed);
}
