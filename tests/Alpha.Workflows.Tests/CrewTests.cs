using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Testing.Loopback;
using Alpha.Workflows.Replay;
using static Alpha.Workflows.Tests.WorkflowFixture;

namespace Alpha.Workflows.Tests;

public sealed class CrewTests
{
    private static WorkflowSpec CrewSpec(int maxRounds, params string[] agents) =>
        Workflow("crew_test", [new WorkflowNode("crew", "crew", [.. agents.Select(a => new SpecReference(a))], new JsonObject { ["max_rounds"] = maxRounds })]);

    [Fact]
    public async Task Crew_DeterministicAgents_ManagerDelegatesEachWorkerThenSaysDone()
    {
        await using var fx = await CreateAsync();

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(CrewSpec(5, "lead", "w1", "w2"), Agents(Deterministic("lead"), Deterministic("w1"), Deterministic("w2")), new() { ["ticket"] = "t" }));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        var output = result.Outputs["crew"];
        Assert.Contains("w1: did", output, StringComparison.Ordinal);
        Assert.Contains("w2: did", output, StringComparison.Ordinal);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        var turns = detail!.Frames.Where(f => f.Stage == "node.crew.turn").Select(f => JsonNode.Parse(f.Extras)!).ToArray();
        Assert.Equal(["lead", "w1", "lead", "w2", "lead"], turns.Select(t => (string)t["agent"]!));
        Assert.Equal(["manager", "worker", "manager", "worker", "manager"], turns.Select(t => (string)t["role"]!));
        Assert.Equal([1, 1, 2, 2, 2], turns.Select(t => (int)t["round"]!));
        Assert.Equal(AgentRunStatus.Completed, Assert.Single(detail.AgentRuns).Status);
        Assert.Equal(["workflow.started", "node.crew.started"], detail.Frames.Take(2).Select(f => f.Stage));
        Assert.Equal(["node.crew.completed", "workflow.completed"], detail.Frames.TakeLast(2).Select(f => f.Stage));
    }

    [Fact]
    public async Task Crew_MaxRoundsReached_RunCappedWithReasonAndBestAnswerSoFar()
    {
        await using var fx = await CreateAsync();

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(CrewSpec(2, "lead", "w1", "w2", "w3"), Agents(Deterministic("lead"), Deterministic("w1"), Deterministic("w2"), Deterministic("w3"))));

        Assert.Equal(RunStatus.Capped, result.Run.Status);
        Assert.Contains("crew reached max_rounds 2", result.Run.Error, StringComparison.Ordinal);
        Assert.Contains("DELEGATE w3", result.Run.Error, StringComparison.Ordinal);
        Assert.StartsWith("w2: did", result.Outputs["crew"], StringComparison.Ordinal);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal(AgentRunStatus.Capped, Assert.Single(detail!.AgentRuns).Status);
        Assert.Equal("workflow.capped", detail.Frames[^1].Stage);
        Assert.DoesNotContain(detail.Frames, f => f.Stage == "node.crew.turn" && f.Message.StartsWith("w3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Crew_ModelManagerOverLoopback_DelegatesFromItsAnswer_RecordedReplayEqualWithZeroTokens()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(
            LoopbackReply.Text("Plan: count first.\nDELEGATE counter: count the errors in the ticket"),
            LoopbackReply.Text("3 errors"),
            LoopbackReply.Text("DONE: the ticket shows 3 errors"));
        var agents = Agents(Model("lead"), Model("counter"), Deterministic("helper"));

        var original = await fx.Runtime.RunAsync(new WorkflowDispatch(CrewSpec(4, "lead", "counter", "helper"), agents, new() { ["ticket"] = "e1 e2 e3" }));
        var requests = fx.Server.RequestCount;
        var replay = await new WorkflowReplayer(fx.Runtime, fx.Ledger).ReplayAsync(original.Run.RunId, ReplayMode.Recorded);

        Assert.Equal(RunStatus.Completed, original.Run.Status);
        Assert.Equal("the ticket shows 3 errors", original.Outputs["crew"]);
        Assert.Equal(3, requests);
        Assert.Contains(fx.Server.Requests[1].Messages, m => m.Content.Contains("DELEGATE counter: count the errors", StringComparison.Ordinal));
        Assert.True(original.Run.TotalTokens > 0);
        var detail = await fx.Ledger.GetRunAsync(original.Run.RunId);
        Assert.Equal(3, detail!.Steps.Count);
        Assert.Equal(RunStatus.Completed, replay.Run.Status);
        Assert.Equal(original.Outputs, replay.Outputs);
        Assert.Equal(0, replay.Run.TotalTokens);
        Assert.Equal(requests, fx.Server.RequestCount);
    }

    [Fact]
    public async Task Crew_ModelManagerNamesNoWorker_NodeFailsSayingWhatItAnswered()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Text("I am not sure what to do."));

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(CrewSpec(3, "lead", "w1"), Agents(Model("lead"), Deterministic("w1"))));

        Assert.Equal(RunStatus.Failed, result.Run.Status);
        Assert.Contains("answered neither 'DELEGATE <worker>: <task>' nor 'DONE: <answer>'", result.Run.Error, StringComparison.Ordinal);
        Assert.Contains("I am not sure", result.Run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crew_ModelManagerDelegatesToAnUnknownWorker_NodeFailsNamingTheWorkers()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Text("DELEGATE intern: fetch coffee"));

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(CrewSpec(3, "lead", "w1", "w2"), Agents(Model("lead"), Deterministic("w1"), Deterministic("w2"))));

        Assert.Equal(RunStatus.Failed, result.Run.Status);
        Assert.Contains("delegated to 'intern', which is not a worker of this crew (workers: w1, w2)", result.Run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crew_KilledDuringTheManagersModelCall_AbortsTheRequestNodeAndRunCancelled()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Text("DELEGATE w1: look"), LoopbackReply.Hang());
        var running = fx.Runtime.RunAsync(new WorkflowDispatch(CrewSpec(3, "lead", "w1"), Agents(Model("lead"), Deterministic("w1"))));

        await fx.Server.WaitForRequestAsync(2);
        var runId = Assert.Single(fx.Runtime.KillSwitch.RunningRuns);
        fx.Runtime.KillSwitch.Kill(runId, "operator bob");
        var result = await running;
        await fx.Server.HungRequestAborted;

        Assert.Equal(RunStatus.Cancelled, result.Run.Status);
        Assert.Equal("killed by operator bob", result.Run.Error);
        var detail = await fx.Ledger.GetRunAsync(runId);
        Assert.Equal(AgentRunStatus.Cancelled, Assert.Single(detail!.AgentRuns).Status);
        Assert.Equal(2, detail.Frames.Count(f => f.Stage == "node.crew.turn"));
    }

    [Fact]
    public async Task Crew_KilledBetweenTurns_NoFurtherTurnStarts()
    {
        await using var fx = await CreateAsync();
        var killSwitch = new Control.KillSwitch();
        var runtime = new WorkflowRuntime(new WorkflowRuntimeOptions
        {
            Ledger = fx.Ledger,
            KillSwitch = killSwitch,
            OnFrame = frame =>
            {
                if (frame.Stage == "node.crew.turn")
                {
                    killSwitch.Kill(frame.RunId, "watcher");
                }
            },
        });

        var result = await runtime.RunAsync(new WorkflowDispatch(CrewSpec(5, "lead", "w1", "w2"), Agents(Deterministic("lead"), Deterministic("w1"), Deterministic("w2"))));

        Assert.Equal(RunStatus.Cancelled, result.Run.Status);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal(AgentRunStatus.Cancelled, Assert.Single(detail!.AgentRuns).Status);
        Assert.Single(detail.Frames, f => f.Stage == "node.crew.turn");
    }

    [Theory]
    [InlineData("""{"max_rounds": 0}""", "nodes[c].options.max_rounds", "whole number from 1 to 100")]
    [InlineData("""{"max_rounds": "many"}""", "nodes[c].options.max_rounds", "whole number")]
    [InlineData("""{"manager": "nobody"}""", "nodes[c].options.manager", "must name one of the node's agents (m, w)")]
    [InlineData("""{"workers": 3}""", "nodes[c].options.workers", "known options: manager, max_rounds")]
    public async Task Crew_InvalidOptions_RejectedBeforeAnyRowNamingTheField(string options, string field, string message)
    {
        await using var fx = await CreateAsync();
        var spec = Workflow("bad", [new WorkflowNode("c", "crew", [new SpecReference("m"), new SpecReference("w")], JsonNode.Parse(options)!.AsObject())]);

        var error = await Assert.ThrowsAsync<SpecValidationException>(() => fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Deterministic("m"), Deterministic("w")))));

        var only = Assert.Single(error.Errors);
        Assert.Equal(field, only.Field);
        Assert.Contains(message, only.Message, StringComparison.Ordinal);
        Assert.Empty(await fx.Ledger.ListRunsAsync());
    }

    [Fact]
    public async Task Crew_OneAgent_RejectedNamingTheAgents()
    {
        await using var fx = await CreateAsync();
        var spec = Workflow("bad", [new WorkflowNode("c", "crew", [new SpecReference("m")])]);

        var error = await Assert.ThrowsAsync<SpecValidationException>(() => fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Deterministic("m")))));

        Assert.Equal("nodes[c].agents", Assert.Single(error.Errors).Field);
        Assert.Contains("a manager and at least one worker", error.Message, StringComparison.Ordinal);
    }
}
