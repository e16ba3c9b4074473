using Alpha.Platform.Ledger;
using Alpha.Runtime.Llm;
using Alpha.Testing;
using Alpha.Testing.Databases;
using Alpha.Testing.Loopback;
using static Alpha.Workflows.Tests.WorkflowFixture;

namespace Alpha.Workflows.Tests;

/// <summary>Kills that arrive through the ledger (another store instance, as another process would), and the watchdog.</summary>
public sealed class LedgerKillTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RequestKill_FromASecondSqliteStore_HungModelCallAbortedNodeAndRunCancelledByTheRequester()
    {
        await using var fx = await CreateAsync(withModel: true);
        await using var other = await SqliteLedgerStore.OpenAsync(fx.Ledger.FilePath);

        await KillThroughTheLedgerAsync(fx.Server!, fx.Ledger, other);
    }

    [Fact]
    public async Task RequestKill_FromASecondPostgresStore_HungModelCallAbortedNodeAndRunCancelledByTheRequester()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();
        await using var server = await LoopbackOpenAIServer.StartAsync();
        await using var ledger = await PostgresLedgerStore.OpenAsync(schema.ConnectionString);
        await using var other = await PostgresLedgerStore.OpenAsync(schema.ConnectionString);

        await KillThroughTheLedgerAsync(server, ledger, other);
    }

    [Fact]
    public async Task RequestKillAll_TwoRunsInFlight_BothCancelledEachModelCallAborted()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Hang(), LoopbackReply.Hang());
        var runtime = Runtime(fx.Server, fx.Ledger);
        var spec = Workflow("slow", [Node("ask", "asker")]);

        var runs = new[]
        {
            runtime.RunAsync(new WorkflowDispatch(spec, Agents(Model("asker")))),
            runtime.RunAsync(new WorkflowDispatch(spec, Agents(Model("asker")))),
        };
        await fx.Server.WaitForRequestAsync(2).WaitAsync(Patience);
        await using var other = await SqliteLedgerStore.OpenAsync(fx.Ledger.FilePath);
        var requested = await other.RequestKillAllAsync("ops (--all)");
        var results = await Task.WhenAll(runs).WaitAsync(Patience);

        Assert.Equal(2, requested.Count);
        Assert.All(results, r => Assert.Equal((RunStatus.Cancelled, "killed by ops (--all)"), (r.Run.Status, r.Run.Error)));
        Assert.Equal(requested.Order(StringComparer.Ordinal), results.Select(r => r.Run.RunId).Order(StringComparer.Ordinal));
        await fx.Server.WaitForAbortedRequestsAsync(2).WaitAsync(Patience); // each in-flight model call was aborted
        Assert.Empty(await fx.Ledger.ListKillRequestsAsync());
    }

    [Fact]
    public async Task Watchdog_HungModelCallPastTheStallLimit_NodeTimedOutRunFailedSayingHowLong()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(LoopbackReply.Hang());
        var clock = new ManualTimeProvider();
        var runtime = Runtime(fx.Server, fx.Ledger, clock, stallAfter: TimeSpan.FromMinutes(1));
        var spec = Workflow("stuck", [Node("ask", "asker"), Node("after", "later")], [new("ask", "after")]);

        var running = runtime.RunAsync(new WorkflowDispatch(spec, Agents(Model("asker"), Deterministic("later"))));
        await fx.Server.WaitForRequestAsync(1).WaitAsync(Patience);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(running.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(2));
        var result = await running.WaitAsync(Patience);
        await fx.Server.HungRequestAborted.WaitAsync(Patience);

        Assert.Equal(RunStatus.Failed, result.Run.Status);
        Assert.Equal("stalled: node 'ask' made no progress for 1m (watchdog limit 1m)", result.Run.Error);
        var detail = (await fx.Ledger.GetRunAsync(result.Run.RunId))!;
        var node = Assert.Single(detail.AgentRuns);
        Assert.Equal((AgentRunStatus.TimedOut, result.Run.Error), (node.Status, node.Error));
        Assert.Equal(["node.ask.timed_out", "workflow.stalled", "workflow.failed"], detail.Frames.TakeLast(3).Select(f => f.Stage));
        Assert.DoesNotContain(detail.Frames, f => f.Stage == "node.after.started");
    }

    [Fact]
    public async Task Watchdog_Off_NoTimerAndTheRunCompletes()
    {
        await using var fx = await CreateAsync();
        var clock = new ManualTimeProvider();
        var runtime = Runtime(null, fx.Ledger, clock, stallAfter: null);

        var result = await runtime.RunAsync(new WorkflowDispatch(Workflow("quick", [Node("a", "x")]), Agents(Deterministic("x")))).WaitAsync(Patience);

        Assert.Equal(RunStatus.Completed, result.Run.Status);
    }

    [Theory]
    [InlineData(250, "250ms")]
    [InlineData(1_500, "1.5s")]
    [InlineData(60_000, "1m")]
    [InlineData(5_430_000, "1h30m30s")]
    public void Format_Durations_ReadAsWritten(int milliseconds, string expected) =>
        Assert.Equal(expected, Control.RunWatchdog.Format(TimeSpan.FromMilliseconds(milliseconds)));

    private static async Task KillThroughTheLedgerAsync(LoopbackOpenAIServer server, ILedgerStore ledger, ILedgerStore other)
    {
        server.Enqueue(LoopbackReply.Hang());
        var runtime = Runtime(server, ledger);
        var spec = Workflow("slow", [Node("ask", "asker"), Node("after", "later")], [new("ask", "after")]);

        var running = runtime.RunAsync(new WorkflowDispatch(spec, Agents(Model("asker"), Deterministic("later"))));
        await server.WaitForRequestAsync(1).WaitAsync(Patience);
        var runId = Assert.Single(runtime.KillSwitch.RunningRuns);
        var request = await other.RequestKillAsync(runId, "operator bob");
        var result = await running.WaitAsync(Patience);
        await server.HungRequestAborted.WaitAsync(Patience);

        Assert.Equal(new KillRequestResult(runId, RunStatus.Running, true), request);
        Assert.Equal((RunStatus.Cancelled, "killed by operator bob"), (result.Run.Status, result.Run.Error));
        var detail = (await other.GetRunAsync(runId))!;
        Assert.Equal(AgentRunStatus.Cancelled, Assert.Single(detail.AgentRuns).Status);
        Assert.Contains(detail.Frames, f => f.Stage == "workflow.killed" && f.Message == "killed by operator bob");
        Assert.Equal("workflow.cancelled", detail.Frames[^1].Stage);
        Assert.DoesNotContain(detail.Frames, f => f.Stage == "node.after.started");
        Assert.True(runtime.KillWatcher.KillsApplied >= 1); // a later read may find the request again while the run closes
        Assert.Equal(new KillRequestResult(runId, RunStatus.Cancelled, false), await other.RequestKillAsync(runId, "too late"));
    }

    private static WorkflowRuntime Runtime(LoopbackOpenAIServer? server, ILedgerStore ledger, TimeProvider? time = null, TimeSpan? stallAfter = null, Action<RunFrame>? onFrame = null) =>
        new(new WorkflowRuntimeOptions
        {
            Ledger = ledger,
            ModelClients = server is null ? null : _ => new OpenAICompatibleChatClient(server.CreateOptions()),
            Time = time ?? TimeProvider.System,
            StallAfter = stallAfter,
            OnFrame = onFrame,
        });
}
