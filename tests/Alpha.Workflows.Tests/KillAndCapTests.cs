using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Testing.Loopback;
using Alpha.Workflows.Control;
using static Alpha.Workflows.Tests.WorkflowFixture;

namespace Alpha.Workflows.Tests;

public sealed class KillAndCapTests
{
    [Fact]
    public async Task Kill_DuringModelCall_AbortsTheHttpRequestAndCancelsNodeAndRun()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Hang());
        var spec = Workflow("slow", [Node("ask", "asker"), Node("after", "later")], [new("ask", "after")]);

        var running = fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Model("asker"), Deterministic("later"))));
        await fx.Server.WaitForRequestAsync(1);
        var runId = Assert.Single(fx.Runtime.KillSwitch.RunningRuns);
        Assert.True(fx.Runtime.KillSwitch.Kill(runId, "operator alice"));
        var result = await running;
        await fx.Server.HungRequestAborted;

        Assert.Equal(RunStatus.Cancelled, result.Run.Status);
        Assert.Equal("killed by operator alice", result.Run.Error);
        var detail = await fx.Ledger.GetRunAsync(runId);
        Assert.Equal(AgentRunStatus.Cancelled, Assert.Single(detail!.AgentRuns).Status);
        Assert.Contains(detail.Frames, f => f.Stage == "workflow.killed" && f.Message.Contains("operator alice", StringComparison.Ordinal));
        Assert.Equal("workflow.cancelled", detail.Frames[^1].Stage);
        Assert.DoesNotContain(detail.Frames, f => f.Stage == "node.after.started");
        Assert.Empty(fx.Runtime.KillSwitch.RunningRuns);
    }

    [Fact]
    public async Task KillAll_BeforeAStep_NoNodeStarts()
    {
        var killSwitch = new KillSwitch();
        killSwitch.KillAll("cli --all");
        await using var fx = await CreateAsync(killSwitch: killSwitch);

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(Workflow("k", [Node("a", "x")]), Agents(Deterministic("x"))));

        Assert.Equal(RunStatus.Cancelled, result.Run.Status);
        Assert.Equal("killed by cli --all", result.Run.Error);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Empty(detail!.AgentRuns);
        Assert.DoesNotContain(detail.Frames, f => f.Stage.StartsWith("node.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PerNodeMaxTokens_OverrunAfterCall_RunCappedWithCapAndOverrun()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Stream(["long answer"], promptTokens: 80, completionTokens: 70));
        var spec = Workflow("capped", [Node("ask", "asker"), Node("after", "later")], [new("ask", "after")], new CostCaps(PerNodeMaxTokens: 100));

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Model("asker"), Deterministic("later"))));

        Assert.Equal(RunStatus.Capped, result.Run.Status);
        Assert.Contains("per_node_max_tokens 100 exceeded by 50", result.Run.Error, StringComparison.Ordinal);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        var node = Assert.Single(detail!.AgentRuns);
        Assert.Equal((AgentRunStatus.Capped, 150L), (node.Status, node.InputTokens + node.OutputTokens));
        Assert.Single(detail.Steps);
        Assert.Equal("workflow.capped", detail.Frames[^1].Stage);
    }

    [Fact]
    public async Task PerNodeMaxTokens_PromptAlreadyTooLarge_CallIsNotMade()
    {
        await using var fx = await CreateAsync(withModel: true);
        var spec = Workflow("tiny", [Node("ask", "asker")]);
        var agent = Model("asker", caps: new CostCaps(PerNodeMaxTokens: 2));

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(agent), new() { ["ticket"] = new string('x', 400) }));

        Assert.Equal(RunStatus.Capped, result.Run.Status);
        Assert.Contains("per_node_max_tokens 2 would be exceeded", result.Run.Error, StringComparison.Ordinal);
        Assert.Contains("was not made", result.Run.Error, StringComparison.Ordinal);
        Assert.Equal(0, fx.Server!.RequestCount);
    }

    [Fact]
    public async Task PerRunMaxUsd_PricedUsagePassesTheCap_RunCappedInDollars()
    {
        await using var fx = await CreateAsync(withModel: true);
        // gpt-4o: $2.50 / $10 per million tokens: 1M in + 100k out = $3.50.
        fx.Server!.Enqueue(LoopbackReply.Stream(["spent"], promptTokens: 1_000_000, completionTokens: 100_000));
        var spec = Workflow("usd", [Node("ask", "asker")], caps: new CostCaps(PerRunMaxUsd: 1m));

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Model("asker", model: "openai/gpt-4o"))));

        Assert.Equal(RunStatus.Capped, result.Run.Status);
        Assert.Contains("per_run_max_usd 1 exceeded by 2.5", result.Run.Error, StringComparison.Ordinal);
        Assert.Equal(3.5m, result.Run.TotalCostUsd);
    }
}
