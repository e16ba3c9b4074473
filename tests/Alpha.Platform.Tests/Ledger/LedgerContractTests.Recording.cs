using Alpha.Platform.Ledger;
using Alpha.Platform.Recording;
using Alpha.Platform.Specs;
using Alpha.Runtime;
using Alpha.Runtime.Agents;
using Alpha.Runtime.Events;
using Alpha.Runtime.Extraction;
using Alpha.Runtime.Schemas;
using Alpha.Testing;
using Microsoft.Extensions.AI;

namespace Alpha.Platform.Tests.Ledger;

public abstract partial class LedgerContractTests
{
    [Fact]
    public async Task Recorder_ExecutionFails_RunMarkedFailedWithItsFrames()
    {
        var spec = await Store.SnapshotAsync(TestSpecs.Analysis());
        var runtime = new AlphaRuntime(extractor: new ThrowingExtractor());
        runtime.Register(ScriptedAgent.Returning("logs"));
        var id = AlphaRuntime.NewExecutionId();
        await using var recorder = await RunRecorder.StartAsync(Store, runtime.Events, id, new NewRun(SpecKind.Analysis, spec.VersionId));

        var execution = runtime.ExecuteAsync(new IncidentInput("d"), id);
        var run = await recorder.FinishAsync(execution);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("InvalidOperationException: extractor exploded", run.Error);
        var detail = (await Store.GetRunAsync(run.RunId))!;
        Assert.Equal(["execution.started", "execution.failed"], detail.Frames.Select(f => f.Stage));
        Assert.Empty(detail.AgentRuns);
    }

    [Fact]
    public async Task Recorder_CallerCancels_RunAndAgentRunCancelled()
    {
        var spec = await Store.SnapshotAsync(TestSpecs.Analysis());
        var runtime = new AlphaRuntime();
        runtime.Register(ScriptedAgent.Hanging("slow"));
        var id = AlphaRuntime.NewExecutionId();
        using var watch = runtime.Events.Subscribe(capacity: null, filter: e => e.ExecutionId == id);
        await using var recorder = await RunRecorder.StartAsync(Store, runtime.Events, id, new NewRun(SpecKind.Analysis, spec.VersionId));
        using var cancel = new CancellationTokenSource();

        var execution = runtime.ExecuteAsync(new IncidentInput("d"), id, cancel.Token);
        await foreach (var e in watch.ReadUntilAsync(e => e is AgentStarted))
        {
        }

        await cancel.CancelAsync();
        var run = await recorder.FinishAsync(execution);

        Assert.Equal(RunStatus.Cancelled, run.Status);
        var agentRun = Assert.Single((await Store.GetRunAsync(run.RunId))!.AgentRuns);
        Assert.Equal(("slow", AgentRunStatus.Cancelled), (agentRun.Agent, agentRun.Status));
    }

    [Fact]
    public async Task Recorder_ModelCallReportsAfterItsAgentWasCancelled_AStepOfThatAgentRun()
    {
        var spec = await Store.SnapshotAsync(TestSpecs.Analysis());
        var hub = new EventHub();
        var id = AlphaRuntime.NewExecutionId();
        await using var recorder = await RunRecorder.StartAsync(Store, hub, id, new NewRun(SpecKind.Analysis, spec.VersionId));
        var at = Clock.GetUtcNow();

        // The aborted HTTP request of a cancelled agent reports its call after the agent's own end.
        hub.Publish(new AgentStarted(id, at, "logs", "llm"));
        hub.Publish(new AgentCancelled(id, at.AddSeconds(1), "logs", 1000));
        hub.Publish(new ModelCallCompleted(id, at.AddSeconds(1), "logs", "openai/gpt-4o-mini", 0, 0, 1000, "{}", null, "cancelled"));
        var run = await recorder.CloseAsync(RunStatus.Cancelled, "cancelled by the caller");

        var detail = (await Store.GetRunAsync(run.RunId))!;
        var agentRun = Assert.Single(detail.AgentRuns);
        Assert.Equal(("logs", AgentRunStatus.Cancelled), (agentRun.Agent, agentRun.Status));
        var step = Assert.Single(detail.Steps);
        Assert.Equal((agentRun.AgentRunId, 1, "cancelled"), (step.AgentRunId, step.Sequence, step.Error));
    }

    [Fact]
    public async Task Recorder_ProcessDiesMidRun_LedgerHoldsOnlyWholeRowsAndTheRunIsRecoverable()
    {
        var spec = await Store.SnapshotAsync(TestSpecs.Analysis());
        var runtime = new AlphaRuntime();
        runtime.Register(ScriptedAgent.Returning("quick"));
        runtime.Register(ScriptedAgent.Hanging("stuck"));
        var id = AlphaRuntime.NewExecutionId();
        var recorder = await RunRecorder.StartAsync(Store, runtime.Events, id, new NewRun(SpecKind.Analysis, spec.VersionId));

        // Subscribed after the recorder: every event this test sees, the recorder has already received.
        using var watch = runtime.Events.Subscribe(capacity: null, filter: e => e.ExecutionId == id);
        using var cancel = new CancellationTokenSource();
        var execution = runtime.ExecuteAsync(new IncidentInput("d"), id, cancel.Token);
        await foreach (var e in watch.ReadUntilAsync(e => e is AgentCompleted))
        {
        }

        // The process "dies": the recorder stops after what it has seen, FinishAsync never runs.
        await recorder.DisposeAsync();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => execution);

        var detail = (await Store.GetRunAsync(recorder.RunId))!;
        Assert.Equal(RunStatus.Running, detail.Run.Status);
        var whole = Assert.Single(detail.AgentRuns);
        Assert.Equal(("quick", AgentRunStatus.Completed), (whole.Agent, whole.Status));
        Assert.Equal(Enumerable.Range(1, detail.Frames.Count).Select(i => (long)i), detail.Frames.Select(f => f.Sequence));

        Assert.Equal(1, await Store.FailAbandonedRunsAsync(Clock.GetUtcNow().AddSeconds(1), "abandoned: the recording process stopped"));
        var recovered = (await Store.GetRunAsync(recorder.RunId))!;
        Assert.Equal((RunStatus.Failed, "abandoned: the recording process stopped"), (recovered.Run.Status, recovered.Run.Error));
        Assert.Equal(detail.AgentRuns, recovered.AgentRuns);
    }

    [Fact]
    public async Task Recorder_FollowUpAgentWithModelCall_RecordedAsItsOwnAgentRunWithItsStep()
    {
        var spec = await Store.SnapshotAsync(TestSpecs.Analysis());
        var runtime = new AlphaRuntime();
        runtime.Register(ScriptedAgent.Returning("logs"));
        var id = AlphaRuntime.NewExecutionId();
        await using var recorder = await RunRecorder.StartAsync(Store, runtime.Events, id, new NewRun(SpecKind.Analysis, spec.VersionId));

        async Task RunAsync()
        {
            var result = await runtime.ExecuteAsync(new IncidentInput("d"), id);
            // A model call with no agent run open (a host's own call) keeps its frame but opens no agent run.
            runtime.Events.Publish(new ModelCallCompleted(id, Clock.GetUtcNow(), "stray", "openai/gpt-4o-mini", 10, 5, 3, "q", "a", null));
            var followUp = new ModelCallingAgent("synthesis");
            var outcome = await runtime.RunAgentAsync(followUp, new AgentContext(id, new IncidentInput("d"), result.SignalsUsed));
            Assert.Equal(AgentStatus.Completed, outcome.Status);
        }

        var run = await recorder.FinishAsync(RunAsync());

        Assert.Equal(RunStatus.Completed, run.Status);
        var detail = (await Store.GetRunAsync(run.RunId))!;
        Assert.Equal(["logs", "synthesis"], detail.AgentRuns.Select(a => a.Agent).Order());
        var synthesis = detail.AgentRuns.Single(a => a.Agent == "synthesis");
        var step = Assert.Single(detail.Steps);
        Assert.Equal((synthesis.AgentRunId, 7L, 3L), (step.AgentRunId, step.InputTokens, step.OutputTokens));
        Assert.True(synthesis.StartedAt <= step.CreatedAt);
        Assert.Contains(detail.Frames, f => f.Stage == "agent.synthesis.started");
        Assert.Contains(detail.Frames, f => f.Stage == "agent.synthesis.completed");
        Assert.Contains(detail.Frames, f => f.Stage == "agent.stray.model_call");
    }

    /// <summary>Makes one model call (7 tokens in, 3 out) and proposes nothing.</summary>
    private sealed class ModelCallingAgent(string name) : BaseAgent(name, new FixedChatClient())
    {
        protected override async Task<AgentResult> RunCoreAsync(AgentContext context, CancellationToken cancellationToken)
        {
            await context.ChatClient!.GetResponseAsync("write the conclusion", cancellationToken: cancellationToken);
            return Result([]);
        }
    }

    private sealed class FixedChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "done")) { Usage = new UsageDetails { InputTokenCount = 7, OutputTokenCount = 3 } });

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class ThrowingExtractor : ISignalExtractor
    {
        public ValueTask<IReadOnlyList<Signal>> ExtractAsync(IncidentInput incident, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("extractor exploded");
    }
}
