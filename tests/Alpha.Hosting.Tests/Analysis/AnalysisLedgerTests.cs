using Alpha.Testing;
using Alpha.Hosting.Analysis;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Runtime;
using Alpha.Sre.Incidents;
using Alpha.Testing.Loopback;

namespace Alpha.Hosting.Tests.Analysis;

/// <summary>A composed analysis recorded on a SQLite ledger (the store contract itself is tested in Alpha.Platform.Tests).</summary>
public sealed class AnalysisLedgerTests : IAsyncLifetime
{
    private const string Seed = """
        {
          "deployment_id": "deploy-123",
          "logs": ["ERROR: connection pool exhausted", "INFO: ok", "ERROR: timeout waiting for connection"],
          "metrics": {"cpu_usage": 0.45, "error_rate": 0.15},
          "recent_commits": [{"sha": "a1b2c3", "message": "reduce db pool size"}],
          "config_snapshot": {"db_pool_size": 10}
        }
        """;

    private static readonly string[] Specialists = ["logs", "metrics", "commits", "config"];
    private readonly string _folder = Directory.CreateTempSubdirectory("alpha-hosting-").FullName;
    private SqliteLedgerStore _store = null!;

    public async Task InitializeAsync() => _store = await SqliteLedgerStore.OpenAsync(Path.Combine(_folder, "alpha.db"));

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<(RunDetail Detail, int Events)> AnalyzeAsync(AnalysisCompositionOptions options)
    {
        var analysis = AnalysisComposer.Compose(AnalysisSpecs.Default, options);
        var incident = IncidentDocument.Parse(Seed, "seed.json");
        var executionId = AlphaRuntime.NewExecutionId();
        using var counter = analysis.Events.Subscribe(capacity: null, filter: e => e.ExecutionId == executionId);
        await using var recorder = await AnalysisLedger.StartAsync(_store, analysis, incident, executionId, new AnalysisRunOptions { Source = "seed.json" });

        var execution = analysis.AnalyzeAsync(incident, executionId);
        var finished = await recorder.FinishAsync(execution);
        await execution;
        counter.Complete();
        var events = 0;
        await foreach (var _ in counter)
        {
            events++;
        }

        Assert.Equal(RunStatus.Completed, finished.Status);
        return ((await _store.GetRunAsync(recorder.RunId))!, events);
    }

    [Fact]
    public async Task StartAsync_DeterministicAnalysis_RecordsTheShippedSpecAndEveryAgentRun()
    {
        var (detail, events) = await AnalyzeAsync(new AnalysisCompositionOptions { Environment = _ => null });

        var run = detail.Run;
        Assert.Equal((SpecKind.Analysis, RunStatus.Completed, null), (run.SpecKind, run.Status, run.Error));
        var spec = (await _store.GetSpecVersionAsync(SpecKind.Analysis, run.SpecVersionId))!;
        Assert.Equal(AnalysisSpecs.DefaultName, spec.Name);
        Assert.Equal(SpecCanonicalizer.Hash(await SpecLoader.LoadAsync(SpecExamples.Path("incident_analysis.yaml"))), spec.SpecHash);
        Assert.Null(run.Inputs); // run details never load inputs
        Assert.Contains("\"deployment_id\":\"deploy-123\"", (await _store.GetRunInputsAsync(run.RunId))!.Text, StringComparison.Ordinal);
        // Synthesis is an agent run of its own, opened and closed by its own events.
        Assert.Equal(Specialists.Append("synthesis").Order(), detail.AgentRuns.Select(a => a.Agent).Order());
        Assert.All(detail.AgentRuns, a => Assert.Equal((AgentRunStatus.Completed, "deterministic", 0L, 0m), (a.Status, a.Mode, a.InputTokens + a.OutputTokens, a.CostUsd)));
        Assert.All(detail.AgentRuns, a => Assert.StartsWith("agv_", a.AgentSpecVersionId, StringComparison.Ordinal));
        Assert.Empty(detail.Steps);
        Assert.Equal(events, detail.Frames.Count);
        Assert.Equal("execution.started", detail.Frames[0].Stage);
        Assert.Equal(["agent.synthesis.started", "agent.synthesis.completed", "synthesis.completed"], detail.Frames.Select(f => f.Stage).TakeLast(3));
        foreach (var agent in Specialists.Append("synthesis"))
        {
            Assert.Contains("\"model\":\"deterministic\"", Assert.Single(await _store.GetSpecVersionsAsync(SpecKind.Agent, agent)).Content, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StartAsync_SameAnalysisTwice_ReusesSpecVersions_TopKMakesANewOne()
    {
        var options = new AnalysisCompositionOptions { Environment = _ => null };

        var first = await AnalyzeAsync(options);
        var second = await AnalyzeAsync(options with { TopK = 2 });
        var third = await AnalyzeAsync(options);

        Assert.Equal(first.Detail.Run.SpecVersionId, third.Detail.Run.SpecVersionId);
        Assert.NotEqual(first.Detail.Run.SpecVersionId, second.Detail.Run.SpecVersionId);
        Assert.Equal(2, (await _store.GetSpecVersionsAsync(SpecKind.Analysis, AnalysisSpecs.DefaultName)).Count);
        Assert.Equal(first.Detail.AgentRuns.Select(a => a.AgentSpecVersionId).Order(), third.Detail.AgentRuns.Select(a => a.AgentSpecVersionId).Order());
    }

    [Fact]
    public async Task StartAsync_ModelCalls_AStepEachInsideItsAgentRun_SynthesisIncluded()
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

        var (detail, _) = await AnalyzeAsync(new AnalysisCompositionOptions { Environment = name => env.GetValueOrDefault(name) });

        Assert.Equal(Specialists.Append("synthesis").Order(), detail.AgentRuns.Select(a => a.Agent).Order());
        Assert.Equal(server.RequestCount, detail.Steps.Count);
        Assert.True(detail.Steps.Count >= 5);
        Assert.All(detail.Steps, s => Assert.Equal(("model", "openai/gpt-4o-mini", 120L, 30L), (s.Kind, s.Name, s.InputTokens, s.OutputTokens)));
        Assert.All(detail.AgentRuns, a => Assert.Contains(detail.Steps, s => s.AgentRunId == a.AgentRunId));
        var synthesis = detail.AgentRuns.Single(a => a.Agent == "synthesis");
        Assert.All(detail.Steps.Where(s => s.AgentRunId == synthesis.AgentRunId), s => Assert.True(s.CreatedAt >= synthesis.StartedAt && s.CreatedAt <= synthesis.FinishedAt));
        var specs = await _store.GetSpecVersionsAsync(SpecKind.Agent, "synthesis");
        Assert.Contains("\"model\":\"openai/gpt-4o-mini\"", Assert.Single(specs).Content, StringComparison.Ordinal);
    }
}
