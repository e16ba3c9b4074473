using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Testing.Loopback;
using Alpha.Workflows.Replay;
using static Alpha.Workflows.Tests.WorkflowFixture;

namespace Alpha.Workflows.Tests;

public sealed class NestedWorkflowTests
{
    private static WorkflowNode Child(string id, string workflow) => new(id, "execution", [], Workflow: new SpecReference(workflow));

    [Fact]
    public async Task Nested_ChildRun_HasParentRunIdAndItsLastOutputIsTheNodeOutput()
    {
        await using var fx = await CreateAsync();
        var child = Workflow("child", [Node("c1", "x"), new WorkflowNode("c2", "fusion", [new SpecReference("y")], new() { ["merge"] = "concat" })], [new("c1", "c2")]);
        var parent = Workflow("parent", [Node("before", "b"), Child("inner", "child"), Node("after", "a")], [new("before", "inner"), new("inner", "after")]);

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(parent, Agents(Deterministic("b"), Deterministic("x"), Deterministic("y"), Deterministic("a")), new() { ["q"] = "1" }, Workflows: new Dictionary<string, WorkflowSpec> { ["child"] = child }));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        // The child read the parent's inputs plus the upstream node's output under its id; its last node is the output.
        Assert.Equal("c1: x: read inputs before, q", result.Outputs["inner"]);
        var runs = await fx.Ledger.ListRunsAsync();
        Assert.Equal(2, runs.Count);
        var childRun = Assert.Single(runs, r => r.RunId != result.Run.RunId);
        Assert.Equal(result.Run.RunId, childRun.ParentRunId);
        Assert.Equal(result.Run.ExperimentId, childRun.ExperimentId);
        Assert.Equal(RunStatus.Completed, childRun.Status);
        var childDetail = await fx.Ledger.GetRunAsync(childRun.RunId);
        Assert.Equal(2, childDetail!.AgentRuns.Count);
        Assert.Contains($"\"child_of\":\"{result.Run.RunId}\"", childDetail.Frames[0].Extras, StringComparison.Ordinal);
        var frame = Assert.Single((await fx.Ledger.GetRunAsync(result.Run.RunId))!.Frames, f => f.Stage == "node.inner.child");
        Assert.Contains(childRun.RunId, frame.Extras, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nested_CycleOfWorkflows_RejectedBeforeAnyRow()
    {
        await using var fx = await CreateAsync();
        var a = Workflow("wa", [Child("n", "wb")]);
        var b = Workflow("wb", [Child("m", "wa")]);

        var error = await Assert.ThrowsAsync<SpecValidationException>(() => fx.Runtime.RunAsync(new WorkflowDispatch(a, Agents(), Workflows: new Dictionary<string, WorkflowSpec> { ["wa"] = a, ["wb"] = b })));

        Assert.Contains("cycle: wa -> wb -> wa", error.Message, StringComparison.Ordinal);
        Assert.Empty(await fx.Ledger.ListRunsAsync());
    }

    [Fact]
    public async Task Nested_ChildNotGiven_RejectedNamingTheField()
    {
        await using var fx = await CreateAsync();

        var error = await Assert.ThrowsAsync<SpecValidationException>(() => fx.Runtime.RunAsync(new WorkflowDispatch(Workflow("p", [Child("n", "ghost")]), Agents())));

        Assert.Equal("nodes[n].workflow", Assert.Single(error.Errors).Field);
        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await fx.Ledger.ListRunsAsync());
    }

    [Fact]
    public async Task Nested_KillTheParent_CancelsTheChildAndItsInFlightCall()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Hang());
        var child = Workflow("slow_child", [Node("ask", "asker")]);
        var parent = Workflow("p", [Child("inner", "slow_child"), Node("after", "a")], [new("inner", "after")]);

        var running = fx.Runtime.RunAsync(new WorkflowDispatch(parent, Agents(Model("asker"), Deterministic("a")), Workflows: new Dictionary<string, WorkflowSpec> { ["slow_child"] = child }));
        await fx.Server.WaitForRequestAsync(1);
        var parentRun = Assert.Single(await fx.Ledger.ListRunsAsync(), r => r.ParentRunId is null);
        Assert.True(fx.Runtime.KillSwitch.Kill(parentRun.RunId, "operator carol"));
        var result = await running;
        await fx.Server.HungRequestAborted;

        Assert.Equal((RunStatus.Cancelled, "killed by operator carol"), (result.Run.Status, result.Run.Error));
        var childRun = Assert.Single(await fx.Ledger.ListRunsAsync(), r => r.ParentRunId == result.Run.RunId);
        Assert.Equal(RunStatus.Cancelled, childRun.Status);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal(AgentRunStatus.Cancelled, Assert.Single(detail!.AgentRuns).Status);
        Assert.Empty(fx.Runtime.KillSwitch.RunningRuns);
    }

    [Fact]
    public async Task Nested_ChildSpendsAgainstTheParentsCap_RunCapped()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Stream(["long"], promptTokens: 80, completionTokens: 70));
        var child = Workflow("spender", [Node("ask", "asker")]);
        var parent = Workflow("p", [Child("inner", "spender")], caps: new CostCaps(PerNodeMaxTokens: 100));

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(parent, Agents(Model("asker")), Workflows: new Dictionary<string, WorkflowSpec> { ["spender"] = child }));

        Assert.Equal(RunStatus.Capped, result.Run.Status);
        Assert.Contains("per_node_max_tokens 100 exceeded by 50", result.Run.Error, StringComparison.Ordinal);
        Assert.Contains("node 'inner': child run", result.Run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nested_ChildPassesItsOwnCap_ChildAndParentCappedByTheChildsCap()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Stream(["long"], promptTokens: 80, completionTokens: 70));
        var child = Workflow("spender", [Node("ask", "asker")], caps: new CostCaps(PerNodeMaxTokens: 120));
        var parent = Workflow("p", [Child("inner", "spender")], caps: new CostCaps(PerNodeMaxTokens: 1000));

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(parent, Agents(Model("asker")), Workflows: new Dictionary<string, WorkflowSpec> { ["spender"] = child }));

        Assert.Equal(RunStatus.Capped, result.Run.Status);
        Assert.Contains("per_node_max_tokens 120 exceeded by 30", result.Run.Error, StringComparison.Ordinal);
        var childRun = Assert.Single(await fx.Ledger.ListRunsAsync(), r => r.ParentRunId == result.Run.RunId);
        Assert.Equal(RunStatus.Capped, childRun.Status);
    }

    [Fact]
    public async Task Nested_ChildPinnedToAnotherVersion_DispatchRefusedBeforeAnyRun()
    {
        await using var fx = await CreateAsync();
        var child = Workflow("pinned_child", [Node("a", "a")]);
        var parent = Workflow("p", [new WorkflowNode("inner", "execution", [], Workflow: new SpecReference("pinned_child", 2))]);
        var children = new Dictionary<string, WorkflowSpec> { ["pinned_child"] = child };

        var error = await Assert.ThrowsAsync<SpecValidationException>(() => fx.Runtime.RunAsync(new WorkflowDispatch(parent, Agents(Deterministic("a")), Workflows: children)));

        Assert.Contains("nodes[inner].workflow", error.Message, StringComparison.Ordinal);
        Assert.Contains("pinned to version 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("locks as version 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(await fx.Ledger.ListRunsAsync());
    }

    [Fact]
    public async Task Nested_ChildPinnedToTheVersionItLocks_Runs()
    {
        await using var fx = await CreateAsync();
        var child = Workflow("pinned_child", [Node("a", "a")]);
        var parent = Workflow("p", [new WorkflowNode("inner", "execution", [], Workflow: new SpecReference("pinned_child", 1))]);

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(parent, Agents(Deterministic("a")), Workflows: new Dictionary<string, WorkflowSpec> { ["pinned_child"] = child }));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
    }

    [Fact]
    public async Task Nested_RecordedReplay_ReplaysTheChildFromItsRecordedCalls()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Stream(["child ", "answer"]));
        var child = Workflow("model_child", [Node("ask", "asker")]);
        var parent = Workflow("p", [Child("inner", "model_child"), Node("after", "a")], [new("inner", "after")]);
        var original = await fx.Runtime.RunAsync(new WorkflowDispatch(parent, Agents(Model("asker"), Deterministic("a")), Workflows: new Dictionary<string, WorkflowSpec> { ["model_child"] = child }));
        var requests = fx.Server.RequestCount;

        var replay = await new WorkflowReplayer(fx.Runtime, fx.Ledger).ReplayAsync(original.Run.RunId, ReplayMode.Recorded);

        Assert.Equal(RunStatus.Completed, original.Run.Status);
        Assert.Equal(RunStatus.Completed, replay.Run.Status);
        Assert.Equal("child answer", replay.Outputs["inner"]);
        Assert.Equal(original.Outputs.OrderBy(p => p.Key), replay.Outputs.OrderBy(p => p.Key));
        Assert.Equal(requests, fx.Server.RequestCount);
        var replayChild = Assert.Single(await fx.Ledger.ListRunsAsync(), r => r.ParentRunId == replay.Run.RunId);
        Assert.Equal(0, replayChild.TotalTokens);
    }
}
