using Alpha.Cluster.Runs;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;

namespace Alpha.Cluster.Tests;

/// <summary>Nested workflows on the cluster: the dispatch carries the child workflows' spec versions, so a run taken over after a node loss runs its child again from the same specs.</summary>
public sealed class ClusterNestedRunTests
{
    private static readonly WorkflowSpec Inner = new(
        "inner_flow",
        null,
        new Dictionary<string, WorkflowInput>(),
        [new WorkflowNode("second", "execution", [new SpecReference("writer")])],
        [],
        null);

    private static readonly WorkflowSpec Outer = new(
        "outer_flow",
        null,
        new Dictionary<string, WorkflowInput>(),
        [new WorkflowNode("first", "execution", [new SpecReference("reader")]), new WorkflowNode("inner", "execution", [], Workflow: new SpecReference("inner_flow"))],
        [new WorkflowEdge("first", "inner")],
        null);

    [Fact]
    public async Task SiloLoss_InsideAChildWorkflow_RunResumedElsewhereWithItsChildSpecs()
    {
        await using var harness = await ClusterHarness.StartAsync();
        var (views, victim, lost, _) = await harness.LoseBusiestSecondarySiloAsync(Outer, new Dictionary<string, WorkflowSpec> { ["inner_flow"] = Inner });
        await ClusterHarness.WaitUntilAsync(async () => (await harness.TryGetAllAsync(lost))?.All(v => v.Attempt == 2 && v.RunId is not null) == true, "the lost runs are taken over");
        harness.Gate.Open();
        await ClusterHarness.WaitUntilAsync(async () => (await Task.WhenAll(views.Select(v => harness.Gateway.GetAsync(v.Key)))).All(v => v.IsFinal), "every run ends");

        var ended = await Task.WhenAll(views.Select(v => harness.Gateway.GetAsync(v.Key)));
        Assert.All(ended, v => Assert.Equal(ClusterRunStatus.Completed, v.Status));
        var runs = await harness.Ledger.SearchRunsAsync(new RunQuery(Limit: 1000));
        var innerVersion = (await harness.Ledger.GetSpecVersionsAsync(SpecKind.Workflow, "inner_flow")).Single().VersionId;
        foreach (var view in ended.Where(v => lost.Any(l => l.Key == v.Key)))
        {
            Assert.NotEqual(victim, view.Silo);
            var resumed = (await harness.Ledger.GetRunAsync(view.RunId!))!;
            Assert.Equal(RunStatus.Completed, resumed.Run.Status);
            Assert.Equal(Assert.Single(view.InterruptedRunIds), resumed.Run.ParentRunId);
            // Its child ran again on the new node from the locked child spec, and completed.
            var child = Assert.Single(runs, r => r.ParentRunId == resumed.Run.RunId);
            Assert.Equal((innerVersion, RunStatus.Completed), (child.SpecVersionId, child.Status));
            Assert.Equal(0, resumed.AgentRuns.Single(a => a.Node == "first").InputTokens);
        }

        // No ledger run left open: the interrupted runs' children, cut off with their node, are closed too.
        Assert.All(runs, r => Assert.True(LedgerNames.IsFinal(r.Status), $"run {r.RunId} ({r.SpecVersionId}) is still {r.Status}"));
    }
}
