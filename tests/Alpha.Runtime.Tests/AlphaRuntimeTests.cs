using Alpha.Runtime.Events;
using Alpha.Runtime.Execution;
using Alpha.Runtime.Extraction;
using Alpha.Runtime.Schemas;
using Alpha.Testing;

namespace Alpha.Runtime.Tests;

public sealed class AlphaRuntimeTests
{
    private static readonly IncidentInput Incident = new IncidentInput("deploy-42");

    private static AlphaRuntime NewRuntime(AlphaRuntimeOptions? options = null, TimeProvider? time = null) =>
        new(options, new StaticSignalExtractor(Claims.Signal("sig_001"), Claims.Signal("sig_002")), time);

    [Fact]
    public async Task ExecuteAsync_MisbehavingAgents_DoNotCrashTheRun()
    {
        var time = new ManualTimeProvider();
        var runtime = NewRuntime(new AlphaRuntimeOptions { Executor = new ExecutorOptions { DefaultAgentTimeout = TimeSpan.FromSeconds(30) } }, time);
        runtime.Register(ScriptedAgent.Throwing("thrower", new InvalidOperationException("boom")));
        runtime.Register(new ScriptedAgent("hanger", async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return new AgentResult("hanger", []); }) { Timeout = TimeSpan.FromSeconds(1) });
        runtime.Register(ScriptedAgent.Returning("liar", Claims.Valid("made up", 0.99, "sig_999")));
        runtime.Register(ScriptedAgent.Returning("honest", Claims.Valid("disk full", 0.8, "sig_002")));

        var run = runtime.ExecuteAsync(Incident);
        time.Advance(TimeSpan.FromSeconds(2));
        var result = await run;

        Assert.Equal(
            [AgentStatus.Failed, AgentStatus.TimedOut, AgentStatus.Completed, AgentStatus.Completed],
            result.Agents.Select(a => a.Status));
        var top = Assert.Single(result.RankedHypotheses);
        Assert.Equal("disk full", top.Label);
        var rejected = Assert.Single(result.Verdicts, v => !v.Accepted);
        Assert.Equal("liar", rejected.Agent);
    }

    [Fact]
    public async Task ExecuteAsync_Results_AreSortedByScore()
    {
        var runtime = NewRuntime();
        runtime.Register(ScriptedAgent.Returning("a", Claims.Valid("low cause", 0.3), Claims.Valid("high cause", 0.9)));
        runtime.Register(ScriptedAgent.Returning("b", Claims.Valid("mid cause", 0.6), Claims.Valid("Low cause", 0.2)));

        var result = await runtime.ExecuteAsync(Incident);

        Assert.Equal(["high cause", "mid cause", "low cause"], result.RankedHypotheses.Select(h => h.Label));
        Assert.True(result.RankedHypotheses.Zip(result.RankedHypotheses.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.Equal(0.4, result.RankedHypotheses[2].Score, 9);
    }

    [Fact]
    public async Task ExecuteAsync_NothingValid_RequiresHumanReview()
    {
        var runtime = NewRuntime();
        runtime.Register(ScriptedAgent.Returning("a", Claims.Valid("x", 0.9, "sig_nope")));

        var result = await runtime.ExecuteAsync(Incident);

        Assert.Empty(result.RankedHypotheses);
        Assert.True(result.RequiresHumanReview);
        Assert.Contains("no valid hypothesis", Assert.Single(result.ReviewReasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ClearWinner_NeedsNoReview()
    {
        var runtime = NewRuntime();
        runtime.Register(ScriptedAgent.Returning("a", Claims.Valid("x", 0.9), Claims.Valid("y", 0.4)));

        var result = await runtime.ExecuteAsync(Incident);

        Assert.False(result.RequiresHumanReview);
        Assert.Empty(result.ReviewReasons);
    }

    [Fact]
    public async Task ExecuteAsync_SignalsUsed_AreTheExtractedSignals()
    {
        var runtime = NewRuntime();

        var result = await runtime.ExecuteAsync(Incident);

        Assert.Equal(["sig_001", "sig_002"], result.SignalsUsed.Select(s => s.Id));
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancels_ThrowsAndEmitsCancelled()
    {
        var runtime = NewRuntime();
        runtime.Register(ScriptedAgent.Hanging("hang"));
        using var subscription = runtime.Events.Subscribe();
        using var cts = new CancellationTokenSource();

        var run = runtime.ExecuteAsync(Incident, cancellationToken: cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var events = Drain(subscription);
        Assert.Contains(events, e => e is AgentCancelled);
        Assert.IsType<ExecutionCancelled>(events[^1]);
    }

    [Fact]
    public async Task ExecuteAsync_ExtractorThrows_EmitsFailedAndRethrows()
    {
        var runtime = new AlphaRuntime(extractor: new ThrowingExtractor());
        using var subscription = runtime.Events.Subscribe();

        await Assert.ThrowsAsync<InvalidDataException>(() => runtime.ExecuteAsync(Incident));

        var failed = Assert.IsType<ExecutionFailed>(Drain(subscription)[^1]);
        Assert.Contains("bad logs", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_FollowTheSeedOrder()
    {
        var runtime = NewRuntime();
        runtime.Register(ScriptedAgent.Returning("a", Claims.Valid("x", 0.9), Claims.Valid("bad", 0.9, "sig_x")));
        using var subscription = runtime.Events.Subscribe();

        var result = await runtime.ExecuteAsync(Incident);

        var stages = Drain(subscription).Select(e => e.Stage).ToArray();
        Assert.Equal(
            ["execution.started", "signal.detected", "signal.detected", "agent.a.started", "agent.a.completed", "judge.rejected", "aggregation.completed", "execution.completed"],
            stages);
        Assert.All(Drain(subscription), e => Assert.Equal(result.ExecutionId, e.ExecutionId));
    }

    [Fact]
    public async Task Events_FailedAndTimedOutAgents_HaveTheirOwnEvents()
    {
        var time = new ManualTimeProvider();
        var runtime = NewRuntime(new AlphaRuntimeOptions { Executor = new ExecutorOptions { DefaultAgentTimeout = TimeSpan.FromSeconds(30) } }, time);
        var thrower = ScriptedAgent.Throwing("thrower", new InvalidOperationException("boom"));
        runtime.Register(thrower);
        runtime.Register(new ScriptedAgent("hanger", async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return new AgentResult("hanger", []); }) { Timeout = TimeSpan.FromSeconds(1) });
        using var subscription = runtime.Events.Subscribe();

        var run = runtime.ExecuteAsync(Incident);
        time.Advance(TimeSpan.FromSeconds(2));
        await run;

        var events = Drain(subscription);
        Assert.Contains(events, e => e is AgentFailed { Agent: "thrower" } f && f.Error.Contains("boom", StringComparison.Ordinal));
        Assert.Contains(events, e => e is AgentTimedOut { Agent: "hanger" });
    }

    [Fact]
    public async Task Events_SlowSubscriber_DoesNotBlockAndDropsOldest()
    {
        var runtime = NewRuntime();
        runtime.Register(ScriptedAgent.Returning("a", Claims.Valid("x")));
        using var slow = runtime.Events.Subscribe(capacity: 2);

        // Nobody reads 'slow' during the run: the run must still complete.
        var result = await runtime.ExecuteAsync(Incident);

        Assert.NotEmpty(result.RankedHypotheses);
        Assert.True(slow.Dropped > 0);
        var kept = Drain(slow);
        Assert.Equal(2, kept.Count);
        Assert.IsType<ExecutionCompleted>(kept[^1]);
    }

    [Fact]
    public async Task StreamAsync_YieldsEventsEndingWithTheResult()
    {
        var runtime = NewRuntime();
        runtime.Register(ScriptedAgent.Returning("a", Claims.Valid("x", 0.9)));

        var events = new List<RuntimeEvent>();
        await foreach (var e in runtime.StreamAsync(Incident))
        {
            events.Add(e);
        }

        Assert.IsType<ExecutionStarted>(events[0]);
        var completed = Assert.IsType<ExecutionCompleted>(events[^1]);
        Assert.Equal("x", completed.Result.RankedHypotheses[0].Label);
    }

    [Fact]
    public async Task StreamAsync_ConcurrentExecutions_DoNotMix()
    {
        var runtime = NewRuntime();
        runtime.Register(ScriptedAgent.Returning("a", Claims.Valid("x", 0.9)));

        async Task<List<RuntimeEvent>> CollectAsync()
        {
            var list = new List<RuntimeEvent>();
            await foreach (var e in runtime.StreamAsync(Incident))
            {
                list.Add(e);
            }

            return list;
        }

        var runs = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => CollectAsync()));

        Assert.All(runs, events => Assert.Single(events.Select(e => e.ExecutionId).Distinct()));
        Assert.Equal(5, runs.Select(r => r[0].ExecutionId).Distinct().Count());
    }

    [Fact]
    public void Frame_CarriesTaskIdStageMessageAndExtras()
    {
        var e = new AgentTimedOut("exe_1", DateTimeOffset.UnixEpoch, "logs", 1000, TimeSpan.FromSeconds(1));

        var frame = e.ToFrame();

        Assert.Equal("exe_1", frame.TaskId);
        Assert.Equal("agent.logs.timed_out", frame.Stage);
        Assert.Equal("logs timed out after 1 s", frame.Message);
        Assert.Equal(1000.0, frame.Extras["timeout_ms"]);
    }

    [Fact]
    public void Events_SerialiseWithTypeDiscriminator()
    {
        RuntimeEvent e = new AgentStarted("exe_1", DateTimeOffset.UnixEpoch, "logs", "deterministic");

        var json = System.Text.Json.JsonSerializer.Serialize(e, AlphaJson.Options);

        Assert.Contains("\"type\":\"agent_started\"", json, StringComparison.Ordinal);
        Assert.Contains("\"agent\":\"logs\"", json, StringComparison.Ordinal);
    }

    private static List<RuntimeEvent> Drain(EventSubscription subscription)
    {
        var list = new List<RuntimeEvent>();
        while (subscription.Reader.TryRead(out var e))
        {
            list.Add(e);
        }

        return list;
    }

    private sealed class ThrowingExtractor : ISignalExtractor
    {
        public ValueTask<IReadOnlyList<Signal>> ExtractAsync(IncidentInput incident, CancellationToken cancellationToken) =>
            throw new InvalidDataException("bad logs");
    }
}
