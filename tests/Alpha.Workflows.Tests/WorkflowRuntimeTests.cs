using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Testing.Loopback;
using static Alpha.Workflows.Tests.WorkflowFixture;

namespace Alpha.Workflows.Tests;

public sealed class WorkflowRuntimeTests
{
    [Fact]
    public async Task RunAsync_OneDeterministicNode_WritesDocumentedFrameSequenceAndOneAgentRun()
    {
        await using var fx = await CreateAsync();
        var spec = Workflow("one", [Node("triage", "triager")]);

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Deterministic("triager")), new JsonObject { ["ticket"] = "disk full" }));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.NotNull(detail);
        Assert.Equal(["workflow.started", "node.triage.started", "node.triage.completed", "workflow.completed"], detail.Frames.Select(f => f.Stage));
        Assert.Equal([1L, 2, 3, 4], detail.Frames.Select(f => f.Sequence));
        var agentRun = Assert.Single(detail.AgentRuns);
        Assert.Equal(("triage", AgentRunStatus.Completed, "deterministic"), (agentRun.Node, agentRun.Status, agentRun.Mode));
        Assert.Equal(result.SpecVersions["triager"], agentRun.AgentSpecVersionId);
        Assert.StartsWith("triager: ", result.Outputs["triage"], StringComparison.Ordinal);
        Assert.Single(await fx.Ledger.ListRunsAsync());
    }

    [Fact]
    public async Task RunAsync_Redispatch_ReusesSpecVersionRows()
    {
        await using var fx = await CreateAsync();
        var spec = Workflow("again", [Node("a", "alpha")]);
        var agents = Agents(Deterministic("alpha"));

        var first = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, agents));
        var second = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, agents));

        Assert.NotEqual(first.Run.RunId, second.Run.RunId);
        Assert.Equal(first.Run.SpecVersionId, second.Run.SpecVersionId);
        Assert.Equal(first.SpecVersions, second.SpecVersions);
        Assert.Single(await fx.Ledger.GetSpecVersionsAsync(SpecKind.Workflow, "again"));
        Assert.Single(await fx.Ledger.GetSpecVersionsAsync(SpecKind.Agent, "alpha"));
    }

    [Fact]
    public async Task RunAsync_FanOutFanIn_FusionRunsOnceAfterEveryBranch()
    {
        await using var fx = await CreateAsync();
        var spec = Workflow(
            "fan",
            [Node("split", "splitter"), Node("left", "l"), Node("right", "r"), new WorkflowNode("merge", "fusion", [], new JsonObject { ["merge"] = "concat" })],
            [new("split", "left"), new("split", "right"), new("left", "merge"), new("right", "merge")]);

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Deterministic("splitter"), Deterministic("l"), Deterministic("r"))));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        var merged = result.Outputs["merge"].Split('\n');
        Assert.Equal(["left: l: read 1 upstream outputs (split)", "right: r: read 1 upstream outputs (split)"], merged);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal(4, detail!.AgentRuns.Count);
        Assert.Single(detail.AgentRuns, a => a.Node == "merge");
        var stages = detail.Frames.Select(f => f.Stage).ToList();
        Assert.True(stages.IndexOf("node.merge.started") > stages.IndexOf("node.left.completed"));
        Assert.True(stages.IndexOf("node.merge.started") > stages.IndexOf("node.right.completed"));
    }

    [Fact]
    public async Task RunAsync_FusionMajority_PicksTheMostCommonAnswer()
    {
        await using var fx = await CreateAsync();
        var spec = Workflow(
            "vote",
            [Node("a", "same"), Node("b", "same"), Node("c", "other"), new WorkflowNode("merge", "fusion", [], new JsonObject { ["merge"] = "majority" })],
            [new("a", "merge"), new("b", "merge"), new("c", "merge")]);

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Deterministic("same"), Deterministic("other"))));

        Assert.Equal(result.Outputs["a"], result.Outputs["merge"]);
        Assert.NotEqual(result.Outputs["c"], result.Outputs["merge"]);
    }

    [Fact]
    public async Task RunAsync_ModelNode_StreamsTokenFramesAndRecordsTheStep()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Stream(["disk ", "is ", "full"], promptTokens: 12, completionTokens: 3));
        var spec = Workflow("model", [Node("ask", "asker")]);

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Model("asker"))));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        Assert.Equal("disk is full", result.Outputs["ask"]);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal(
            ["workflow.started", "node.ask.started", "agent.token", "agent.token", "agent.token", "node.ask.completed", "workflow.completed"],
            detail!.Frames.Select(f => f.Stage));
        var step = Assert.Single(detail.Steps);
        Assert.Equal(("disk is full", 12L, 3L), (step.Response, step.InputTokens, step.OutputTokens));
        Assert.Equal(64, JsonNode.Parse(step.Request)!["hash"]!.GetValue<string>().Length);
        Assert.Equal(15, result.Run.TotalTokens);
        Assert.Equal("llm", Assert.Single(detail.AgentRuns).Mode);
    }

    [Fact]
    public async Task RunAsync_NodeFails_RunFailsAndLaterNodesDoNotStart()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Status(400, "bad request"));
        var spec = Workflow("breaks", [Node("ask", "asker"), Node("after", "later")], [new("ask", "after")]);

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Model("asker"), Deterministic("later"))));

        Assert.Equal(RunStatus.Failed, result.Run.Status);
        Assert.Contains("node 'ask' failed", result.Run.Error, StringComparison.Ordinal);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal(AgentRunStatus.Failed, Assert.Single(detail!.AgentRuns).Status);
        Assert.DoesNotContain(detail.Frames, f => f.Stage == "node.after.started");
        Assert.Equal("workflow.failed", detail.Frames[^1].Stage);
    }

    [Fact]
    public async Task RunAsync_UnsupportedAdapterOrUnknownAgent_RejectedBeforeAnyRow()
    {
        await using var fx = await CreateAsync();

        // A runtime with only the execution/fusion factory: every other adapter kind is unsupported there.
        var agentsOnly = new WorkflowRuntime(new WorkflowRuntimeOptions { Ledger = fx.Ledger, NodeFactories = [new Nodes.AgentNodeFactory()] });
        var adapter = await Assert.ThrowsAsync<SpecValidationException>(() => agentsOnly.RunAsync(new WorkflowDispatch(Workflow("d", [Node("x", "a", "debate")]), Agents(Deterministic("a")))));
        var agent = await Assert.ThrowsAsync<SpecValidationException>(() => fx.Runtime.RunAsync(new WorkflowDispatch(Workflow("u", [Node("x", "missing")]), Agents(Deterministic("a")))));

        Assert.Contains("debate", adapter.Message, StringComparison.Ordinal);
        Assert.Contains("execution", adapter.Message, StringComparison.Ordinal);
        Assert.Contains("'missing'", agent.Message, StringComparison.Ordinal);
        Assert.Empty(await fx.Ledger.ListRunsAsync());
    }

    [Fact]
    public async Task RunAsync_RequiredInputMissing_RejectedWithItsName()
    {
        await using var fx = await CreateAsync();
        var spec = Workflow("needs", [Node("x", "a")]) with { Inputs = new Dictionary<string, WorkflowInput> { ["ticket"] = new("string", Required: true) } };

        var error = await Assert.ThrowsAsync<SpecValidationException>(() => fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Deterministic("a")))));

        Assert.Contains("ticket", error.Message, StringComparison.Ordinal);
    }
}
