using Alpha.Platform.Ledger;
using Alpha.Testing.Loopback;
using Alpha.Workflows.Replay;
using static Alpha.Workflows.Tests.WorkflowFixture;

namespace Alpha.Workflows.Tests;

public sealed class ReplayTests
{
    [Fact]
    public async Task Replay_Recorded_SameOutputsZeroTokensNoRequestsSameVersions()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Stream(["first ", "answer"]), LoopbackReply.Stream(["second"]));
        var spec = Workflow("chain", [Node("one", "a"), Node("two", "b"), Node("three", "c")], [new("one", "two"), new("two", "three")]);
        var original = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Model("a"), Model("b"), Deterministic("c")), new() { ["ticket"] = "t-1" }));
        var requests = fx.Server.RequestCount;

        var replay = await new WorkflowReplayer(fx.Runtime, fx.Ledger).ReplayAsync(original.Run.RunId, ReplayMode.Recorded);

        Assert.Equal(RunStatus.Completed, original.Run.Status);
        Assert.Equal(RunStatus.Completed, replay.Run.Status);
        Assert.Equal(original.Outputs.OrderBy(p => p.Key), replay.Outputs.OrderBy(p => p.Key));
        Assert.Equal(0, replay.Run.TotalTokens);
        Assert.True(original.Run.TotalTokens > 0);
        Assert.Equal(requests, fx.Server.RequestCount);
        Assert.Equal(original.Run.RunId, replay.Run.ParentRunId);
        Assert.Equal(original.Run.SpecVersionId, replay.Run.SpecVersionId);
        Assert.Equal(original.SpecVersions, replay.SpecVersions);
        var originalInputs = (await fx.Ledger.GetRunInputsAsync(original.Run.RunId))!.Text;
        Assert.Contains("t-1", originalInputs, StringComparison.Ordinal);
        Assert.Equal(originalInputs, (await fx.Ledger.GetRunInputsAsync(replay.Run.RunId))!.Text);
    }

    [Fact]
    public async Task Replay_Live_CallsTheModelAgain()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Stream(["old"]), LoopbackReply.Stream(["new"]));
        var spec = Workflow("live", [Node("one", "a")]);
        var original = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Model("a"))));

        var replay = await new WorkflowReplayer(fx.Runtime, fx.Ledger).ReplayAsync(original.Run.RunId, ReplayMode.Live);

        Assert.Equal("new", replay.Outputs["one"]);
        Assert.Equal(2, fx.Server.RequestCount);
        Assert.True(replay.Run.TotalTokens > 0);
    }

    [Fact]
    public async Task Replay_RecordedCallMissing_FailsWithAClearError()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Status(400, "refused"));
        var spec = Workflow("miss", [Node("one", "a")]);
        var original = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Model("a"))));

        var replay = await new WorkflowReplayer(fx.Runtime, fx.Ledger).ReplayAsync(original.Run.RunId, ReplayMode.Recorded);

        Assert.Equal(RunStatus.Failed, original.Run.Status);
        Assert.Equal(RunStatus.Failed, replay.Run.Status);
        Assert.Contains("never made", replay.Run.Error, StringComparison.Ordinal);
        Assert.Contains("--mode live", replay.Run.Error, StringComparison.Ordinal);
    }
}
