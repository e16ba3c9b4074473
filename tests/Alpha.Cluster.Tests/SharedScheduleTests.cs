using System.Text.Json.Nodes;
using Alpha.Cluster.Schedules;
using Alpha.Hosting.Workflows;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Workflows;
using Alpha.Workflows.Scheduling;

namespace Alpha.Cluster.Tests;

/// <summary>
/// The same schedule run by the cluster (reminders, /cluster/schedules) and by <c>alpha workflows schedule</c> (the
/// single-process <see cref="WorkflowScheduler"/>) on one PostgreSQL: both claim through the ledger's one unique key
/// (schedule, scheduled_at), and each fire runs once whichever scheduler got it.
/// </summary>
public sealed class SharedScheduleTests
{
    [Fact]
    public async Task Schedule_InTheClusterAndInAProcess_EveryFireRunsOnce()
    {
        await using var harness = await ClusterHarness.StartAsync();
        harness.Gate.Open();
        await harness.Ledger.SnapshotAsync(new AgentSpec("echo", null, AgentSpec.DeterministicModel, "llm"));
        await harness.Ledger.SnapshotAsync(new WorkflowSpec("tick", null, new Dictionary<string, WorkflowInput>(), [new WorkflowNode("only", "execution", [new SpecReference("echo")])], [], null));
        var options = new JsonObject { ["cron"] = "*/2 * * * * *", ["workflow"] = "tick", ["grace_seconds"] = 1 };
        var spec = new WorkflowSpec("ticks", null, new Dictionary<string, WorkflowInput>(), [new WorkflowNode("every2s", "schedule", [], options)], [], null);
        const string Key = "ticks/every2s";
        Assert.True(Assert.Single(await harness.Gateway.ScheduleAsync(spec)).Active);

        // The process's dispatches wait (claimed, no run yet) until the cluster has passed over its claims: the moment
        // a cluster adopting every claim without a run would start them too.
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scheduler = new WorkflowScheduler(new WorkflowSchedulerOptions
        {
            Runtime = new WorkflowRuntime(new WorkflowRuntimeOptions { Ledger = harness.Ledger }),
            Ledger = harness.Ledger,
            Schedules = ScheduleReader.Read(spec, "test"),
            Resolve = async (schedule, token) =>
            {
                await hold.Task.WaitAsync(token);
                var loaded = (await WorkflowLoader.LoadFromLedgerAsync(harness.Ledger, schedule.Workflow, token))!;
                return new ScheduleTarget(loaded.Workflow, loaded.Agents, loaded.Workflows);
            },
        });
        using var stop = new CancellationTokenSource();
        var process = Task.Run(() => scheduler.RunAsync(stop.Token));
        try
        {
            await ClusterHarness.WaitUntilAsync(async () => (await ProcessClaimsAsync(harness, Key)).Length >= 2, "the process claims two fires");
            await harness.Cluster.Client.GetGrain<IScheduleGrain>(Key).WakeAsync(); // a whole cluster pass, awaited
            hold.SetResult();
            await ClusterHarness.WaitUntilAsync(async () => (await harness.Ledger.ListScheduleFiresAsync(Key, 1000)).Count(f => f.Status == ScheduleFireStatus.Completed) >= 5, "five fires complete");
        }
        finally
        {
            hold.TrySetResult();
            await harness.Gateway.UnscheduleAsync(Key);
            await stop.CancelAsync();
            await process;
        }

        await ClusterHarness.WaitUntilAsync(async () => (await harness.Ledger.ListScheduleFiresAsync(Key, 1000)).All(f => f.Status is not (ScheduleFireStatus.Claimed or ScheduleFireStatus.Running)), "every fire ends");
        var fires = await harness.Ledger.ListScheduleFiresAsync(Key, 1000);
        Assert.True((await ProcessClaimsAsync(harness, Key)).Length >= 2);

        // One run per fire, whichever scheduler claimed it; no other run of the workflow.
        var tick = (await harness.Ledger.GetSpecVersionsAsync(SpecKind.Workflow, "tick")).Select(v => v.VersionId).ToHashSet(StringComparer.Ordinal);
        var runs = (await harness.Ledger.SearchRunsAsync(new RunQuery(Limit: 1000))).Where(r => tick.Contains(r.SpecVersionId)).ToArray();
        var started = fires.Where(f => f.RunId is not null).ToArray();
        Assert.Equal(started.Length, runs.Length);
        Assert.Equal(started.Select(f => f.RunId!).Order(StringComparer.Ordinal), runs.Select(r => r.RunId).Order(StringComparer.Ordinal));
        Assert.All(fires.Where(f => f.Status == ScheduleFireStatus.Completed), f => Assert.Contains(runs, r => r.RunId == f.RunId && r.Status == RunStatus.Completed));
    }

    private static async Task<ScheduleFire[]> ProcessClaimsAsync(ClusterHarness harness, string key) =>
        [.. (await harness.Ledger.ListScheduleFiresAsync(key, 1000)).Where(f => !f.ClaimedBy.StartsWith("cluster:", StringComparison.Ordinal))];
}
