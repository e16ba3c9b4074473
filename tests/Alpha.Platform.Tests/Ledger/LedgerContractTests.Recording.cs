using Alpha.Platform.Analysis;
using Alpha.Platform.Ledger;
using Alpha.Platform.Recording;
using Alpha.Platform.Specs;
using Alpha.Runtime;
using Alpha.Runtime.Events;
using Alpha.Runtime.Extraction;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Analysis;
using Alpha.Sre.Incidents;
using Alpha.Testing;
using Alpha.Testing.Loopback;

namespace Alpha.Platform.Tests.Ledger;

public abstract partial class LedgerContractTests
{
    internal const string Seed = """
        {
          "deployment_id": "deploy-123",
          "logs": ["ERROR: connection pool exhausted", "INFO: ok", "ERROR: timeout waiting for connection"],
          "metrics": {"cpu_usage": 0.45, "error_rate": 0.15},
          "recent_commits": [{"sha": "a1b2c3", "message": "reduce db pool size"}],
          "config_snapshot": {"db_pool_size": 10}
        }
        """;

    private static readonly string[] SreAgents = ["logs", "metrics", "commits", "config"];

    private async Task<(RunDetail Detail, int Events)> AnalyzeAsync(SreAnalyzerOptions options)
    {
        var analyzer = new SreAnalyzer(options);
        var incident = IncidentDocument.Parse(Seed, "seed.json");
        var executionId = AlphaRuntime.NewExecutionId();
        using var counter = analyzer.Events.Subscribe(capacity: null, filter: e => e.ExecutionId == executionId);
        await using var recorder = await AnalysisLedger.StartAsync(Store, analyzer, options, incident, executionId, new AnalysisRunOptions { Source = "seed.json" });

        var execution = analyzer.AnalyzeAsync(incident, executionId);
        var finished = await recorder.FinishAsync(execution);
        await execution;
        counter.Complete();
        var events = await counter.CountAsync();

        Assert.Equal(RunStatus.Completed, finished.Status);
        return ((await Store.GetRunAsync(recorder.RunId))!, events);
    }

    [Fact]
    public async Task AnalysisLedger_DeterministicAnalysis_WritesOneCompleteRun()
    {
        var options = new SreAnalyzerOptions { Environment = _ => null };

        var (detail, events) = await AnalyzeAsync(options);

        var run = detail.Run;
        Assert.Equal(1, await CountAsync("workflow_runs"));
        Assert.Equal((SpecKind.Analysis, RunStatus.Completed, null), (run.SpecKind, run.Status, run.Error));
        var spec = (await Store.GetSpecVersionAsync(SpecKind.Analysis, run.SpecVersionId))!;
        Assert.Equal(SreSpecs.AnalysisName, spec.Name);
        Assert.Equal(SpecCanonicalizer.Hash(await SpecLoader.LoadAsync(SpecExamples.Path("incident_analysis.yaml"))), spec.SpecHash);
        Assert.Null(run.Inputs); // run details never load inputs
        Assert.Contains("\"deployment_id\":\"deploy-123\"", (await Store.GetRunInputsAsync(run.RunId))!.Text, StringComparison.Ordinal);
        Assert.NotNull(run.FinishedAt);
        Assert.Equal(SreAgents.Order(), detail.AgentRuns.Select(a => a.Agent).Order());
        Assert.All(detail.AgentRuns, a => Assert.Equal((AgentRunStatus.Completed, "deterministic", 0L, 0m), (a.Status, a.Mode, a.InputTokens + a.OutputTokens, a.CostUsd)));
        Assert.All(detail.AgentRuns, a => Assert.StartsWith("agv_", a.AgentSpecVersionId, StringComparison.Ordinal));
        Assert.Empty(detail.Steps);
        Assert.Equal((0L, 0m), (run.TotalTokens, run.TotalCostUsd));
        Assert.Equal(events, detail.Frames.Count);
        Assert.Equal(Enumerable.Range(1, events).Select(i => (long)i), detail.Frames.Select(f => f.Sequence));
        Assert.Equal("execution.started", detail.Frames[0].Stage);
        Assert.Equal("synthesis.completed", detail.Frames[^1].Stage);
        Assert.Contains(detail.Frames, f => f.Stage == "agent.logs.completed");
        Assert.Contains(detail.Frames, f => f.Stage == "execution.completed");
        Assert.All(detail.Frames, f => Assert.Equal(run.TaskId, f.TaskId));
        Assert.Equal(5, await CountAsync("agent_spec_versions"));
    }

    [Fact]
    public async Task AnalysisLedger_SameAnalysisTwice_ReusesSpecVersions()
    {
        var options = new SreAnalyzerOptions { Environment = _ => null };

        var first = await AnalyzeAsync(options);
        var second = await AnalyzeAsync(options with { Runtime = new AlphaRuntimeOptions { Aggregator = new Runtime.Aggregation.AggregatorOptions { TopK = 2 } } });
        var third = await AnalyzeAsync(options);

        Assert.Equal(first.Detail.Run.SpecVersionId, third.Detail.Run.SpecVersionId);
        Assert.NotEqual(first.Detail.Run.SpecVersionId, second.Detail.Run.SpecVersionId);
        Assert.Equal(2, await CountAsync("analysis_spec_versions"));
        Assert.Equal(5, await CountAsync("agent_spec_versions"));
        Assert.Equal(3, await CountAsync("workflow_runs"));
    }

    [Fact]
    public async Task AnalysisLedger_ModelCalls_AStepEachWithTokensAndCost()
    {
        await using var server = await LoopbackOpenAIServer.StartAsync();
        // Every agent proposes one valid hypothesis (so that synthesis has something to write about and calls its model too).
        var hypothesis = new { label = "connection pool exhausted", description = "pool errors", confidence = 0.7, severity = "high", supporting_signals = new[] { "sig_001" } };
        server.WhenEmpty = LoopbackReply.Json(new { hypotheses = new[] { hypothesis } }, promptTokens: 120, completionTokens: 30);
        var env = new Dictionary<string, string>
        {
            ["ALPHA_LLM_BASE_URL"] = server.BaseUrl.ToString(),
            ["ALPHA_MODEL"] = "openai/gpt-4o-mini",
        };
        var options = new SreAnalyzerOptions { Environment = name => env.GetValueOrDefault(name) };

        var (detail, _) = await AnalyzeAsync(options);

        Assert.Equal(SreAgents.Append(SreSpecs.SynthesisAgent).Order(), detail.AgentRuns.Select(a => a.Agent).Order());
        Assert.Equal(server.RequestCount, detail.Steps.Count);
        Assert.True(detail.Steps.Count >= 5);
        var perCall = (120 * 0.15m + 30 * 0.60m) / 1_000_000m;
        Assert.All(detail.Steps, s => Assert.Equal(("model", "openai/gpt-4o-mini", 120L, 30L, perCall), (s.Kind, s.Name, s.InputTokens, s.OutputTokens, s.CostUsd)));
        Assert.All(detail.Steps, s => Assert.Contains("connection pool exhausted", s.Response, StringComparison.Ordinal));
        Assert.All(detail.Steps, s => Assert.False(string.IsNullOrEmpty(s.Request)));
        Assert.All(detail.AgentRuns, a => Assert.Equal(detail.Steps.Where(s => s.AgentRunId == a.AgentRunId).Sum(s => s.InputTokens), a.InputTokens));
        Assert.All(detail.AgentRuns, a => Assert.Contains(detail.Steps, s => s.AgentRunId == a.AgentRunId));
        Assert.Equal(150L * detail.Steps.Count, detail.Run.TotalTokens);
        Assert.Equal(perCall * detail.Steps.Count, detail.Run.TotalCostUsd);
        var specs = await Store.GetSpecVersionsAsync(SpecKind.Agent, "logs");
        Assert.Contains("\"model\":\"openai/gpt-4o-mini\"", Assert.Single(specs).Content, StringComparison.Ordinal);
    }

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

    private sealed class ThrowingExtractor : ISignalExtractor
    {
        public ValueTask<IReadOnlyList<Signal>> ExtractAsync(IncidentInput incident, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("extractor exploded");
    }
}
