using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using static Alpha.Workflows.Tests.WorkflowFixture;

namespace Alpha.Workflows.Tests;

public sealed class ConditionalEdgeTests
{
    [Fact]
    public async Task ConditionalEdges_FalseBranchSkipped_SkipPropagatesAndFanInRunsWithTheLiveBranch()
    {
        await using var fx = await CreateAsync();
        // review -> publish (approve) -> announce ; review -> escalate (revise) ; announce + escalate -> close (fan-in)
        var spec = Workflow(
            "route",
            [Node("review", "critic"), Node("publish", "p"), Node("announce", "a"), Node("escalate", "e"), new WorkflowNode("close", "fusion", [new SpecReference("c")], new() { ["merge"] = "concat" })],
            [
                new("review", "publish", new EdgeCondition(EqualTo: "approve")),
                new("review", "escalate", new EdgeCondition(Contains: "revise")),
                new("publish", "announce"),
                new("announce", "close"),
                new("escalate", "close"),
            ]);
        var agents = Agents(new AgentSpec("critic", null, "deterministic/checklist", "llm"), Deterministic("p"), Deterministic("a"), Deterministic("e"), Deterministic("c"));

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, agents, new() { ["ticket"] = "slow", ["checklist"] = "impact" }));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        Assert.Equal("revise: missing impact", result.Outputs["review"]);
        Assert.Equal("escalate: e: read 1 upstream outputs (review)", result.Outputs["close"]);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal(["close", "escalate", "review"], detail!.AgentRuns.Select(r => r.Node).Order(StringComparer.Ordinal));
        Assert.Contains(detail.Frames, f => f.Stage == "node.publish.skipped");
        Assert.Contains(detail.Frames, f => f.Stage == "node.announce.skipped");
        Assert.DoesNotContain(detail.Frames, f => f.Stage is "node.publish.started" or "node.announce.started");
    }

    [Fact]
    public async Task ConditionalEdges_EveryBranchFalse_FanInSkippedTooAndTheRunCompletes()
    {
        await using var fx = await CreateAsync();
        var spec = Workflow(
            "none",
            [Node("start", "s"), Node("left", "l"), Node("right", "r"), Node("join", "j")],
            [
                new("start", "left", new EdgeCondition(Matches: "^never$")),
                new("start", "right", new EdgeCondition(Key: "inputs.mode", EqualTo: "fast")),
                new("left", "join"),
                new("right", "join"),
            ]);

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Deterministic("s"), Deterministic("l"), Deterministic("r"), Deterministic("j")), new() { ["mode"] = "slow" }));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        Assert.Equal(["start"], result.Outputs.Keys);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal(["node.join.skipped", "node.left.skipped", "node.right.skipped"], detail!.Frames.Where(f => f.Stage.EndsWith(".skipped", StringComparison.Ordinal)).Select(f => f.Stage).Order(StringComparer.Ordinal));
        Assert.Single(detail.AgentRuns);
        Assert.Equal("workflow.completed", detail.Frames[^1].Stage);
    }

    [Fact]
    public async Task ConditionalEdges_KeyReadsAnInputOrAnotherNode()
    {
        await using var fx = await CreateAsync();
        var spec = Workflow(
            "keys",
            [Node("first", "f"), Node("second", "s"), Node("by_input", "i"), Node("by_node", "n")],
            [
                new("first", "second"),
                new("second", "by_input", new EdgeCondition(Key: "inputs.mode", EqualTo: "fast")),
                new("second", "by_node", new EdgeCondition(Key: "first", NotEqualTo: "f: read inputs mode")),
            ]);

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Deterministic("f"), Deterministic("s"), Deterministic("i"), Deterministic("n")), new() { ["mode"] = "fast" }));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        Assert.True(result.Outputs.ContainsKey("by_input"));
        Assert.False(result.Outputs.ContainsKey("by_node"));
    }
}
