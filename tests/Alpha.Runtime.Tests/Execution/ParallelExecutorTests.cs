using Alpha.Runtime.Agents;
using Alpha.Runtime.Execution;
using Alpha.Runtime.Schemas;
using Alpha.Testing;

namespace Alpha.Runtime.Tests.Execution;

public sealed class ParallelExecutorTests
{
    private static readonly AgentContext Context = new("exe_test", new IncidentInput("d"), []);

    private static Task<IReadOnlyList<AgentOutcome>> RunAsync(ParallelExecutor executor, CancellationToken ct, params BaseAgent[] agents) =>
        executor.ExecuteAsync(agents, _ => Context, null, ct);

    [Fact]
    public async Task ExecuteAsync_TwoSlowAgents_RunConcurrently()
    {
        // Each agent ends only after the other has started: one run after the other would time out, not pass by luck.
        var aStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = new ScriptedAgent("a", async (_, ct) => { aStarted.SetResult(); await bStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), ct); return new AgentResult("a", []); });
        var b = new ScriptedAgent("b", async (_, ct) => { bStarted.SetResult(); await aStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), ct); return new AgentResult("b", []); });

        var outcomes = await RunAsync(new ParallelExecutor(), CancellationToken.None, a, b);

        Assert.All(outcomes, o => Assert.Equal(AgentStatus.Completed, o.Status));
        // Overlapping intervals: each started before the other ended.
        Assert.True(a.CoreStarted <= b.CoreEnded && b.CoreStarted <= a.CoreEnded, "the two agents did not overlap in time");
        Assert.True(outcomes[0].StartedAt <= outcomes[1].FinishedAt && outcomes[1].StartedAt <= outcomes[0].FinishedAt);
    }

    [Fact]
    public async Task ExecuteAsync_AgentsWaitingForEachOther_AllComplete()
    {
        // Each agent finishes only once every agent has started: possible only if they run at once.
        const int count = 16;
        var started = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var agents = Enumerable.Range(0, count).Select(i => (BaseAgent)new ScriptedAgent($"a{i}", async (_, ct) =>
        {
            if (Interlocked.Increment(ref started) == count)
            {
                allStarted.SetResult();
            }

            await allStarted.Task.WaitAsync(ct);
            return new AgentResult($"a{i}", []);
        })).ToArray();

        var outcomes = await new ParallelExecutor(new ExecutorOptions { DefaultAgentTimeout = TimeSpan.FromSeconds(20) })
            .ExecuteAsync(agents, _ => Context, null, CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal(AgentStatus.Completed, o.Status));
    }

    [Fact]
    public async Task ExecuteAsync_ThrowingAgent_IsFailedOthersComplete()
    {
        var outcomes = await RunAsync(
            new ParallelExecutor(),
            CancellationToken.None,
            ScriptedAgent.Throwing("bad", new InvalidOperationException("boom")),
            ScriptedAgent.Returning("good", Claims.Valid("x")));

        Assert.Equal(AgentStatus.Failed, outcomes[0].Status);
        Assert.Contains("boom", outcomes[0].Error, StringComparison.Ordinal);
        Assert.Equal(AgentStatus.Completed, outcomes[1].Status);
        Assert.Single(outcomes[1].Result!.Hypotheses);
    }

    [Fact]
    public async Task ExecuteAsync_NullResult_IsFailed()
    {
        var outcomes = await RunAsync(new ParallelExecutor(), CancellationToken.None, new ScriptedAgent("null", (_, _) => Task.FromResult<AgentResult>(null!)));

        Assert.Equal(AgentStatus.Failed, outcomes[0].Status);
        Assert.Equal("returned no result", outcomes[0].Error);
    }

    [Fact]
    public async Task ExecuteAsync_AgentThrowingCancellationOnItsOwn_IsFailedNotCancelled()
    {
        var outcomes = await RunAsync(new ParallelExecutor(), CancellationToken.None, ScriptedAgent.Throwing("oce", new OperationCanceledException("own")));

        Assert.Equal(AgentStatus.Failed, outcomes[0].Status);
    }

    [Fact]
    public async Task ExecuteAsync_HangingAgent_TimesOutByItsOwnTimeout()
    {
        var time = new ManualTimeProvider();
        var executor = new ParallelExecutor(new ExecutorOptions { DefaultAgentTimeout = TimeSpan.FromSeconds(30) }, time);
        var hanging = new ScriptedAgent("hang", async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return new AgentResult("hang", []); }) { Timeout = TimeSpan.FromSeconds(2) };
        var quick = ScriptedAgent.Returning("quick");

        var run = RunAsync(executor, CancellationToken.None, hanging, quick);
        time.Advance(TimeSpan.FromSeconds(3));
        var outcomes = await run;

        Assert.Equal(AgentStatus.TimedOut, outcomes[0].Status);
        Assert.Contains("2 s", outcomes[0].Error, StringComparison.Ordinal);
        Assert.Equal(AgentStatus.Completed, outcomes[1].Status);
    }

    [Fact]
    public async Task ExecuteAsync_DefaultTimeout_AppliesWhenAgentHasNone()
    {
        var time = new ManualTimeProvider();
        var executor = new ParallelExecutor(new ExecutorOptions { DefaultAgentTimeout = TimeSpan.FromSeconds(5) }, time);

        var run = RunAsync(executor, CancellationToken.None, ScriptedAgent.Hanging("hang"));
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(run.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        var outcomes = await run;

        Assert.Equal(AgentStatus.TimedOut, outcomes[0].Status);
    }

    [Fact]
    public async Task ExecuteAsync_AgentIgnoringItsToken_StillTimesOut()
    {
        var time = new ManualTimeProvider();
        using var release = new ManualResetEventSlim();
        var executor = new ParallelExecutor(new ExecutorOptions { DefaultAgentTimeout = TimeSpan.FromSeconds(1) }, time);

        var run = RunAsync(executor, CancellationToken.None, ScriptedAgent.Stubborn("stubborn", release));
        time.Advance(TimeSpan.FromSeconds(2));
        var outcomes = await run;
        release.Set();

        Assert.Equal(AgentStatus.TimedOut, outcomes[0].Status);
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancels_AgentsAreCancelledNotTimedOut()
    {
        using var cts = new CancellationTokenSource();
        var time = new ManualTimeProvider();
        var executor = new ParallelExecutor(new ExecutorOptions(), time);

        var run = RunAsync(executor, cts.Token, ScriptedAgent.Hanging("a"), ScriptedAgent.Hanging("b"));
        await cts.CancelAsync();
        var outcomes = await run;

        Assert.All(outcomes, o => Assert.Equal(AgentStatus.Cancelled, o.Status));
    }

    [Fact]
    public async Task ExecuteAsync_RecordsTimePerAgent()
    {
        var time = new ManualTimeProvider();
        var gate = new TaskCompletionSource<AgentResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var executor = new ParallelExecutor(new ExecutorOptions(), time);

        var run = RunAsync(executor, CancellationToken.None, new ScriptedAgent("slow", (_, _) => gate.Task));
        time.Advance(TimeSpan.FromMilliseconds(1500));
        gate.SetResult(new AgentResult("slow", []));
        var outcomes = await run;

        Assert.Equal(1500, outcomes[0].ExecutionTimeMs, 3);
        Assert.Equal(1500, outcomes[0].Result!.ExecutionTimeMs, 3);
        Assert.Equal(outcomes[0].StartedAt.AddMilliseconds(1500), outcomes[0].FinishedAt);
    }
}
