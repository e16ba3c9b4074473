using Alpha.Cluster.Runs;
using Alpha.Platform.Ledger;

namespace Alpha.Cluster.Tests;

/// <summary>Placement, kill and node loss on Orleans' test cluster: three silos on a real PostgreSQL (ALPHA_TEST_PG).</summary>
public sealed class ClusterRunTests
{
    [Fact]
    public async Task Dispatch_ThreeSilos_RunsSpreadOverNodesAndComplete()
    {
        await using var harness = await ClusterHarness.StartAsync();
        harness.Gate.Open();

        var views = new List<ClusterRunView>();
        for (var i = 0; i < 12; i++)
        {
            views.Add(await harness.Gateway.DispatchAsync(ClusterHarness.TwoSteps, ClusterHarness.Agents));
        }

        await ClusterHarness.WaitUntilAsync(async () => (await Task.WhenAll(views.Select(v => harness.Gateway.GetAsync(v.Key)))).All(v => v.IsFinal), "every run ends");
        var ended = await Task.WhenAll(views.Select(v => harness.Gateway.GetAsync(v.Key)));
        var status = await harness.Gateway.StatusAsync();

        Assert.All(ended, v => Assert.Equal(ClusterRunStatus.Completed, v.Status));
        Assert.True(ended.Select(v => v.Silo).Distinct().Count() >= 2, $"runs were placed on {string.Join(", ", ended.Select(v => v.Silo).Distinct())} only");
        Assert.Equal(3, status.ActiveNodes);
        foreach (var view in ended)
        {
            var detail = (await harness.Ledger.GetRunAsync(view.RunId!))!;
            Assert.Equal(RunStatus.Completed, detail.Run.Status);
            Assert.Equal(["first", "second"], detail.AgentRuns.Select(a => a.Node).Order(StringComparer.Ordinal));
            Assert.Equal("node.second.completed", view.Stage);
        }
    }

    [Fact]
    public async Task Kill_ByKeyRunIdAndAll_StopsRunsOnEveryNode()
    {
        await using var harness = await ClusterHarness.StartAsync();
        var views = new List<ClusterRunView>();
        for (var i = 0; i < 4; i++)
        {
            views.Add(await harness.Gateway.DispatchAsync(ClusterHarness.TwoSteps, ClusterHarness.Agents));
        }

        await ClusterHarness.WaitUntilAsync(() => Task.FromResult(harness.Gate.Arrived >= 4), "every run waits in its second step");

        Assert.True(await harness.Gateway.KillAsync(views[0].Key, "alice"));
        Assert.True(await harness.Gateway.KillAsync(views[1].RunId!, "bob"));
        Assert.True(await harness.Gateway.KillAllAsync("carol") >= 2);
        await ClusterHarness.WaitUntilAsync(async () => (await Task.WhenAll(views.Select(v => harness.Gateway.GetAsync(v.Key)))).All(v => v.IsFinal), "every run ends");

        var ended = await Task.WhenAll(views.Select(v => harness.Gateway.GetAsync(v.Key)));
        Assert.All(ended, v => Assert.Equal(ClusterRunStatus.Cancelled, v.Status));
        Assert.Equal("killed by alice", ended[0].Error);
        Assert.Equal("killed by bob", ended[1].Error);
        Assert.Equal("killed by carol", ended[2].Error);
        foreach (var view in ended)
        {
            var run = (await harness.Ledger.GetRunAsync(view.RunId!))!.Run;
            Assert.Equal(RunStatus.Cancelled, run.Status);
            Assert.Equal(view.Error, run.Error);
        }
    }

    [Fact]
    public async Task SiloLoss_MidRun_RunsResumedElsewhereFromTheirLastRecordedStep()
    {
        await using var harness = await ClusterHarness.StartAsync();
        var (views, victim, lost, _) = await harness.LoseBusiestSecondarySiloAsync();
        await ClusterHarness.WaitUntilAsync(async () => (await harness.TryGetAllAsync(lost))?.All(v => v.Attempt == 2 && v.RunId is not null) == true, "the lost runs are taken over");
        harness.Gate.Open();
        await ClusterHarness.WaitUntilAsync(async () => (await Task.WhenAll(views.Select(v => harness.Gateway.GetAsync(v.Key)))).All(v => v.IsFinal), "every run ends");

        var ended = await Task.WhenAll(views.Select(v => harness.Gateway.GetAsync(v.Key)));
        Assert.All(ended, v => Assert.Equal(ClusterRunStatus.Completed, v.Status));
        foreach (var view in ended.Where(v => lost.Any(l => l.Key == v.Key)))
        {
            Assert.NotEqual(victim, view.Silo);
            var interrupted = (await harness.Ledger.GetRunAsync(Assert.Single(view.InterruptedRunIds)))!;
            Assert.Equal(RunStatus.Failed, interrupted.Run.Status);
            Assert.StartsWith($"interrupted: node {victim} was lost at node.first.completed", interrupted.Run.Error, StringComparison.Ordinal);
            var resumed = (await harness.Ledger.GetRunAsync(view.RunId!))!;
            Assert.Equal(RunStatus.Completed, resumed.Run.Status);
            Assert.Equal(interrupted.Run.RunId, resumed.Run.ParentRunId);
            // The first step's model call was recorded before the loss: served from the ledger, not paid again.
            Assert.Equal(0, resumed.AgentRuns.Single(a => a.Node == "first").InputTokens);
        }

        // Every run asked the free first step once; only the lost ones' held second step was asked twice.
        Assert.Equal(views.Length, harness.Gate.Free);
        Assert.Equal(views.Length + lost.Length, harness.Gate.Arrived);
    }
}
