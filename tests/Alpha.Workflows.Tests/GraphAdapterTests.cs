using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Testing.Loopback;
using Alpha.Workflows.Control;
using Alpha.Workflows.Replay;
using static Alpha.Workflows.Tests.WorkflowFixture;

namespace Alpha.Workflows.Tests;

public sealed class GraphAdapterTests
{
    private const string Refine = """
        {"state": {"draft": "string", "verdict": "string"},
         "steps": [{"id": "draft", "agent": "drafter", "writes": "draft"}, {"id": "critique", "agent": "critic", "writes": "verdict"}],
         "transitions": [{"from": "draft", "to": "critique"},
                         {"from": "critique", "to": "end", "when": {"key": "verdict", "equals": "approve"}},
                         {"from": "critique", "to": "draft"}],
         "max_steps": MAX, "output": "draft"}
        """;

    private static readonly AgentSpec Reviser = new("drafter", null, "deterministic/reviser", "llm");
    private static readonly AgentSpec Checklist = new("critic", null, "deterministic/checklist", "llm");

    [Fact]
    public async Task Graph_DeterministicDraftCritiqueLoop_EndsWhenTheCriticApproves()
    {
        await using var fx = await CreateAsync();

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(RefineWorkflow(10), Agents(Reviser, Checklist), Inputs("impact", "timeline")));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        Assert.Equal("draft: checkout slow\n- impact\n- timeline", result.Outputs["refine"]);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        var steps = detail!.Frames.Where(f => f.Stage == "node.refine.step").ToArray();
        Assert.Equal(6, steps.Length);
        Assert.Equal(["draft", "critique", "draft", "critique", "draft", "critique"], steps.Select(f => (string)JsonNode.Parse(f.Extras)!["step_id"]!));
        Assert.Equal([1, 2, 3, 4, 5, 6], steps.Select(f => (int)JsonNode.Parse(f.Extras)!["step"]!));
        var end = JsonNode.Parse(Assert.Single(detail.Frames, f => f.Stage == "node.refine.graph").Extras)!;
        Assert.Equal(("completed", "approve"), ((string)end["status"]!, (string)end["state"]!["verdict"]!));
        var run = Assert.Single(detail.AgentRuns);
        Assert.Equal((AgentRunStatus.Completed, "deterministic"), (run.Status, run.Mode));
    }

    [Fact]
    public async Task Graph_ChecklistAlreadyMet_CriticApprovesTheFirstDraft()
    {
        await using var fx = await CreateAsync();

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(RefineWorkflow(10), Agents(Reviser, Checklist), Inputs("checkout")));

        Assert.Equal("draft: checkout slow", result.Outputs["refine"]);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal(2, detail!.Frames.Count(f => f.Stage == "node.refine.step"));
    }

    [Fact]
    public async Task Graph_MaxStepsReached_RunCappedWithTheBestStateKept()
    {
        await using var fx = await CreateAsync();
        var spec = Workflow("bounded", [GraphNode(3), Node("after", "later")], [new("refine", "after")]);

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Reviser, Checklist, Deterministic("later")), Inputs("impact", "timeline")));

        Assert.Equal(RunStatus.Capped, result.Run.Status);
        Assert.Equal("node 'refine': graph max_steps 3 reached", result.Run.Error);
        Assert.Equal("draft: checkout slow\n- impact", result.Outputs["refine"]);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        var run = Assert.Single(detail!.AgentRuns);
        Assert.Equal((AgentRunStatus.Capped, "graph max_steps 3 reached"), (run.Status, run.Error));
        var end = JsonNode.Parse(Assert.Single(detail.Frames, f => f.Stage == "node.refine.graph").Extras)!;
        Assert.Equal(("capped", 3), ((string)end["status"]!, (int)end["steps"]!));
        Assert.Contains(detail.Frames, f => f.Stage == "node.refine.capped" && f.Message == "graph max_steps 3 reached");
        Assert.Equal("workflow.capped", detail.Frames[^1].Stage);
        Assert.DoesNotContain(detail.Frames, f => f.Stage == "node.after.started");
    }

    [Fact]
    public async Task Graph_EndsOnTheLastAllowedStep_CompletedNotCapped()
    {
        await using var fx = await CreateAsync();

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(RefineWorkflow(4), Agents(Reviser, Checklist), Inputs("impact")));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        Assert.Equal("draft: checkout slow\n- impact", result.Outputs["refine"]);
    }

    [Fact]
    public async Task Graph_WithLoopbackModel_RoutesOnTheModelsAnswersAndRecordsEveryCall()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(
            LoopbackReply.Stream(["draft one"]),
            LoopbackReply.Stream(["revise: ", "say the impact"]),
            LoopbackReply.Stream(["draft two, impact: 5% of checkouts"]),
            LoopbackReply.Stream(["approve"]));

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(RefineWorkflow(6), Agents(Model("drafter"), Model("critic")), Inputs("impact")));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        Assert.Equal("draft two, impact: 5% of checkouts", result.Outputs["refine"]);
        Assert.Equal(4, fx.Server.RequestCount);
        // The critic's second call reads the revised draft from the shared state.
        Assert.Contains("draft two, impact", fx.Server.Requests[3].Body.ToString(), StringComparison.Ordinal);
        Assert.Contains("state key 'verdict'", fx.Server.Requests[3].Body.ToString(), StringComparison.Ordinal);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal(4, detail!.Steps.Count);
        Assert.True(result.Run.TotalTokens > 0);
    }

    [Fact]
    public async Task Graph_RecordedReplay_SameOutputsZeroTokensNoRequests()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(
            LoopbackReply.Stream(["first draft"]),
            LoopbackReply.Stream(["revise: more"]),
            LoopbackReply.Stream(["second draft"]),
            LoopbackReply.Stream(["approve"]));
        var original = await fx.Runtime.RunAsync(new WorkflowDispatch(RefineWorkflow(6), Agents(Model("drafter"), Model("critic")), Inputs("impact")));
        var requests = fx.Server.RequestCount;

        var replay = await new WorkflowReplayer(fx.Runtime, fx.Ledger).ReplayAsync(original.Run.RunId, ReplayMode.Recorded);

        Assert.Equal((RunStatus.Completed, RunStatus.Completed), (original.Run.Status, replay.Run.Status));
        Assert.Equal(original.Outputs.OrderBy(p => p.Key), replay.Outputs.OrderBy(p => p.Key));
        Assert.Equal(0, replay.Run.TotalTokens);
        Assert.True(original.Run.TotalTokens > 0);
        Assert.Equal(requests, fx.Server.RequestCount);
        var steps = (await fx.Ledger.GetRunAsync(replay.Run.RunId))!.Frames.Count(f => f.Stage == "node.refine.step");
        Assert.Equal(4, steps);
    }

    [Fact]
    public async Task Graph_KillDuringAModelCall_AbortsTheRequestAndNoFurtherStepRuns()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Stream(["draft"]), LoopbackReply.Hang());

        var running = fx.Runtime.RunAsync(new WorkflowDispatch(RefineWorkflow(6), Agents(Model("drafter"), Model("critic")), Inputs("impact")));
        await fx.Server.WaitForRequestAsync(2);
        var runId = Assert.Single(fx.Runtime.KillSwitch.RunningRuns);
        fx.Runtime.KillSwitch.Kill(runId, "operator bob");
        var result = await running;
        await fx.Server.HungRequestAborted;

        Assert.Equal(RunStatus.Cancelled, result.Run.Status);
        Assert.Equal("killed by operator bob", result.Run.Error);
        var detail = await fx.Ledger.GetRunAsync(runId);
        Assert.Equal(AgentRunStatus.Cancelled, Assert.Single(detail!.AgentRuns).Status);
        Assert.Equal(2, detail.Frames.Count(f => f.Stage == "node.refine.step"));
        Assert.Equal(2, fx.Server.RequestCount);
        Assert.Equal("workflow.cancelled", detail.Frames[^1].Stage);
    }

    [Fact]
    public async Task Graph_KillBetweenSteps_TheNextStepNeverStarts()
    {
        await using var fx = await CreateAsync();
        var killSwitch = new KillSwitch();
        var runtime = new WorkflowRuntime(new WorkflowRuntimeOptions
        {
            Ledger = fx.Ledger,
            KillSwitch = killSwitch,
            // The kill lands while step 2 is being announced: step 2 finishes (deterministic), step 3 must not start.
            OnFrame = frame =>
            {
                if (frame.Stage == "node.refine.step" && (int)JsonNode.Parse(frame.Extras)!["step"]! == 2)
                {
                    killSwitch.Kill(frame.RunId, "watchdog");
                }
            },
        });

        var result = await runtime.RunAsync(new WorkflowDispatch(RefineWorkflow(10), Agents(Reviser, Checklist), Inputs("impact", "timeline")));

        Assert.Equal(RunStatus.Cancelled, result.Run.Status);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal(2, detail!.Frames.Count(f => f.Stage == "node.refine.step"));
        Assert.Equal(AgentRunStatus.Cancelled, Assert.Single(detail.AgentRuns).Status);
    }

    [Fact]
    public async Task Graph_OneOfKey_ModelAnswerNormalisedAndDrivesTheRoute()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Stream(["Approve. Looks complete."]));
        var options = """
            {"state": {"verdict": ["approve", "reject"]}, "steps": [{"agent": "judge", "writes": "verdict"}],
             "transitions": [{"from": "judge", "to": "end", "when": {"equals": "approve"}}, {"from": "judge", "to": "judge"}], "max_steps": 2}
            """;
        var spec = Workflow("typed", [new WorkflowNode("g", "graph", [new SpecReference("judge")], JsonNode.Parse(options)!.AsObject())]);

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Model("judge"))));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        Assert.Equal("approve", result.Outputs["g"]);
        Assert.Equal(1, fx.Server.RequestCount);
    }

    [Fact]
    public async Task Graph_AnswerOfTheWrongType_NodeFailsNamingStepKeyAndType()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Stream(["about seven"]));
        var options = """{"state": {"score": "number"}, "steps": [{"agent": "scorer", "writes": "score"}]}""";
        var spec = Workflow("typed", [new WorkflowNode("g", "graph", [new SpecReference("scorer")], JsonNode.Parse(options)!.AsObject())]);

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Model("scorer"))));

        Assert.Equal(RunStatus.Failed, result.Run.Status);
        Assert.Contains("step 'scorer' wrote 'about seven' to state key 'score', which is number", result.Run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_NoOptions_OneStepPerAgentInOrder()
    {
        await using var fx = await CreateAsync();
        var spec = Workflow("plain", [new WorkflowNode("g", "graph", [new SpecReference("a"), new SpecReference("b")])]);

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Deterministic("a"), Deterministic("b")), new() { ["q"] = "x" }));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        Assert.Equal("b: read 1 upstream outputs (a)", result.Outputs["g"]);
    }

    [Theory]
    [InlineData("""{"steps": [{"agent": "ghost"}]}""", "nodes[g].options.steps[0].agent", "not one of the node's agents")]
    [InlineData("""{"transitions": [{"from": "a", "to": "nowhere"}]}""", "nodes[g].options.transitions[0].to", "not a step id")]
    [InlineData("""{"transitions": [{"from": "a", "to": "b"}, {"from": "b", "to": "a"}]}""", "nodes[g].options.max_steps", "is required")]
    [InlineData("""{"max_step": 3}""", "nodes[g].options.max_step", "unknown graph option")]
    [InlineData("""{"max_steps": 0}""", "nodes[g].options.max_steps", "whole number")]
    [InlineData("""{"state": {"a": "string", "b": "text"}}""", "nodes[g].options.state.b", "not a state type")]
    [InlineData("""{"transitions": [{"from": "a", "to": "b", "when": {"key": "nope", "equals": "x"}}]}""", "nodes[g].options.transitions[0].when.key", "not a state key")]
    [InlineData("""{"transitions": [{"from": "a", "to": "b", "when": {"equals": "x", "contains": "y"}}]}""", "nodes[g].options.transitions[0].when", "exactly one")]
    [InlineData("""{"start": "c"}""", "nodes[g].options.start", "not a step id")]
    [InlineData("""{"output": "zzz"}""", "nodes[g].options.output", "not a state key")]
    public async Task Graph_InvalidOptions_RejectedNamingTheFieldAndNoRowWritten(string options, string field, string message)
    {
        await using var fx = await CreateAsync();
        var spec = Workflow("bad", [new WorkflowNode("g", "graph", [new SpecReference("a"), new SpecReference("b")], JsonNode.Parse(options)!.AsObject())]);

        var error = await Assert.ThrowsAsync<SpecValidationException>(() => fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Deterministic("a"), Deterministic("b")))));

        Assert.Contains(error.Errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Empty(await fx.Ledger.ListRunsAsync());
    }

    internal static WorkflowNode GraphNode(int maxSteps) =>
        new("refine", "graph", [new SpecReference("drafter"), new SpecReference("critic")], JsonNode.Parse(Refine.Replace("MAX", maxSteps.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))!.AsObject());

    internal static WorkflowSpec RefineWorkflow(int maxSteps) => Workflow("refine", [GraphNode(maxSteps)]);

    internal static JsonObject Inputs(params string[] checklist) =>
        new() { ["ticket"] = "checkout slow", ["checklist"] = new JsonArray([.. checklist.Select(c => (JsonNode)c)]) };
}
