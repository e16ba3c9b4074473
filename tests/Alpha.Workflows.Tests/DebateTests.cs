using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Testing.Loopback;
using Alpha.Workflows.Control;
using Alpha.Workflows.Replay;
using static Alpha.Workflows.Tests.WorkflowFixture;

namespace Alpha.Workflows.Tests;

public sealed class DebateTests
{
    private static WorkflowSpec DebateSpec(int rounds, string[] agents, string? judge = null, CostCaps? caps = null)
    {
        var options = new JsonObject { ["rounds"] = rounds };
        if (judge is not null)
        {
            options["judge"] = judge;
        }

        return Workflow("debate_test", [new WorkflowNode("d", "debate", [.. agents.Select(a => new SpecReference(a))], options)], caps: caps);
    }

    [Fact]
    public async Task Debate_DeterministicAgents_EachParticipantArguesEveryRoundThenTheJudgeDecides()
    {
        await using var fx = await CreateAsync();

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(DebateSpec(3, ["pro", "con", "ref"]), Agents(Deterministic("pro"), Deterministic("con"), Deterministic("ref")), new() { ["question"] = "q" }));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        var turns = detail!.Frames.Where(f => f.Stage == "node.d.turn").Select(f => JsonNode.Parse(f.Extras)!).ToArray();
        Assert.Equal(["pro", "con", "pro", "con", "pro", "con", "ref"], turns.Select(t => (string)t["agent"]!));
        Assert.Equal([1, 1, 2, 2, 3, 3, 3], turns.Select(t => (int)t["round"]!));
        Assert.Equal("judge", (string)turns[^1]["role"]!);
        // Each argument sees every earlier one.
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"answers {i} earlier argument(s)"), turns.Take(6).Select(t => ((string)t["text"]!).Split("; ")[^1]));
        Assert.StartsWith("WINNER: ", result.Outputs["d"], StringComparison.Ordinal);
        Assert.Equal(AgentRunStatus.Completed, Assert.Single(detail.AgentRuns).Status);
    }

    [Fact]
    public async Task Debate_JudgeOption_PicksTheJudgeFromTheAgents()
    {
        await using var fx = await CreateAsync();

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(DebateSpec(1, ["chair", "a", "b"], judge: "chair"), Agents(Deterministic("chair"), Deterministic("a"), Deterministic("b"))));

        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal(["a", "b", "chair"], detail!.Frames.Where(f => f.Stage == "node.d.turn").Select(f => (string)JsonNode.Parse(f.Extras)!["agent"]!));
    }

    [Fact]
    public async Task Debate_ModelsOverLoopback_EachTurnIsOneModelCallSeeingThePreviousArguments_RecordedReplayEqualWithZeroTokens()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(
            LoopbackReply.Text("pro-1: the deploy did it"),
            LoopbackReply.Text("con-1: the config did it"),
            LoopbackReply.Text("pro-2: the deploy timing matches"),
            LoopbackReply.Text("con-2: the config changed first"),
            LoopbackReply.Text("WINNER: pro\nthe timing is evidence"));
        var agents = Agents(Model("pro"), Model("con"), Model("judge"));

        var original = await fx.Runtime.RunAsync(new WorkflowDispatch(DebateSpec(2, ["pro", "con", "judge"]), agents, new() { ["question"] = "why" }));
        var requests = fx.Server.Requests;
        var replay = await new WorkflowReplayer(fx.Runtime, fx.Ledger).ReplayAsync(original.Run.RunId, ReplayMode.Recorded);

        Assert.Equal(RunStatus.Completed, original.Run.Status);
        Assert.Equal("WINNER: pro\nthe timing is evidence", original.Outputs["d"]);
        Assert.Equal(5, requests.Count);
        Assert.Contains(requests[3].Messages, m => m.Content.Contains("pro-2: the deploy timing matches", StringComparison.Ordinal));
        Assert.Contains(requests[3].Messages, m => m.Content.Contains("pro-1: the deploy did it", StringComparison.Ordinal));
        Assert.Contains(requests[4].Messages, m => m.Content.Contains("[round 2] con: con-2: the config changed first", StringComparison.Ordinal));
        var detail = await fx.Ledger.GetRunAsync(original.Run.RunId);
        Assert.Equal(5, detail!.Steps.Count);
        Assert.Equal(RunStatus.Completed, replay.Run.Status);
        Assert.Equal(original.Outputs, replay.Outputs);
        Assert.Equal(0, replay.Run.TotalTokens);
        Assert.True(original.Run.TotalTokens > 0);
        Assert.Equal(5, fx.Server.RequestCount);
        var replayed = await fx.Ledger.GetRunAsync(replay.Run.RunId);
        Assert.Equal(
            detail.Frames.Where(f => f.Stage == "node.d.turn").Select(f => f.Message),
            replayed!.Frames.Where(f => f.Stage == "node.d.turn").Select(f => f.Message));
    }

    [Fact]
    public async Task Debate_KilledDuringAParticipantsModelCall_AbortsTheRequestAndCancels()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Text("first argument"), LoopbackReply.Hang());
        var running = fx.Runtime.RunAsync(new WorkflowDispatch(DebateSpec(2, ["a", "b", "j"]), Agents(Model("a"), Model("b"), Deterministic("j"))));

        await fx.Server.WaitForRequestAsync(2);
        var runId = Assert.Single(fx.Runtime.KillSwitch.RunningRuns);
        fx.Runtime.KillSwitch.Kill(runId, "operator carol");
        var result = await running;
        await fx.Server.HungRequestAborted;

        Assert.Equal(RunStatus.Cancelled, result.Run.Status);
        Assert.Equal("killed by operator carol", result.Run.Error);
        var detail = await fx.Ledger.GetRunAsync(runId);
        Assert.Equal(AgentRunStatus.Cancelled, Assert.Single(detail!.AgentRuns).Status);
        Assert.Single(detail.Frames, f => f.Stage == "node.d.turn");
        Assert.Equal(2, fx.Server.RequestCount);
    }

    [Fact]
    public async Task Debate_KilledBetweenTurns_NoFurtherTurnStartsAndTheJudgeIsNotAsked()
    {
        await using var fx = await CreateAsync();
        var killSwitch = new KillSwitch();
        var runtime = new WorkflowRuntime(new WorkflowRuntimeOptions
        {
            Ledger = fx.Ledger,
            KillSwitch = killSwitch,
            OnFrame = frame =>
            {
                if (frame.Stage == "node.d.turn" && frame.Message.StartsWith("b ", StringComparison.Ordinal))
                {
                    killSwitch.Kill(frame.RunId, "watcher");
                }
            },
        });

        var result = await runtime.RunAsync(new WorkflowDispatch(DebateSpec(3, ["a", "b", "j"]), Agents(Deterministic("a"), Deterministic("b"), Deterministic("j"))));

        Assert.Equal(RunStatus.Cancelled, result.Run.Status);
        Assert.Equal("killed by watcher", result.Run.Error);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal(2, detail!.Frames.Count(f => f.Stage == "node.d.turn"));
        Assert.Equal(AgentRunStatus.Cancelled, Assert.Single(detail.AgentRuns).Status);
        Assert.False(result.Outputs.ContainsKey("d"));
    }

    [Fact]
    public async Task Debate_PerNodeTokenCapReachedMidDebate_NextCallNotMadeRunCapped()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Text("one", promptTokens: 60, completionTokens: 39), LoopbackReply.Text("two"));

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(DebateSpec(2, ["a", "b", "j"], caps: new CostCaps(PerNodeMaxTokens: 100)), Agents(Model("a"), Model("b"), Deterministic("j"))));

        Assert.Equal(RunStatus.Capped, result.Run.Status);
        Assert.Contains("per_node_max_tokens 100 would be exceeded", result.Run.Error, StringComparison.Ordinal);
        Assert.Contains("was not made", result.Run.Error, StringComparison.Ordinal);
        Assert.Equal(1, fx.Server.RequestCount);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal(AgentRunStatus.Capped, Assert.Single(detail!.AgentRuns).Status);
    }

    [Theory]
    [InlineData("""{"rounds": 0}""", "nodes[d].options.rounds", "whole number from 1 to 20")]
    [InlineData("""{"rounds": 2.5}""", "nodes[d].options.rounds", "whole number")]
    [InlineData("""{"judge": "nobody"}""", "nodes[d].options.judge", "must name one of the node's agents (a, b, j)")]
    [InlineData("""{"round": 2}""", "nodes[d].options.round", "known options: rounds, judge")]
    public async Task Debate_InvalidOptions_RejectedBeforeAnyRowNamingTheField(string options, string field, string message)
    {
        await using var fx = await CreateAsync();
        var spec = Workflow("bad", [new WorkflowNode("d", "debate", [new SpecReference("a"), new SpecReference("b"), new SpecReference("j")], JsonNode.Parse(options)!.AsObject())]);

        var error = await Assert.ThrowsAsync<SpecValidationException>(() => fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Deterministic("a"), Deterministic("b"), Deterministic("j")))));

        var only = Assert.Single(error.Errors);
        Assert.Equal(field, only.Field);
        Assert.Contains(message, only.Message, StringComparison.Ordinal);
        Assert.Empty(await fx.Ledger.ListRunsAsync());
    }

    [Fact]
    public async Task Debate_TwoAgents_RejectedNeedingTwoParticipantsAndAJudge()
    {
        await using var fx = await CreateAsync();
        var spec = Workflow("bad", [new WorkflowNode("d", "debate", [new SpecReference("a"), new SpecReference("j")])]);

        var error = await Assert.ThrowsAsync<SpecValidationException>(() => fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Deterministic("a"), Deterministic("j")))));

        Assert.Equal("nodes[d].agents", Assert.Single(error.Errors).Field);
        Assert.Contains("at least two participants and a judge", error.Message, StringComparison.Ordinal);
    }
}
