using Alpha.Testing;
using Alpha.Hosting.Analysis;
using Alpha.Platform.Specs;
using Alpha.Runtime.Aggregation;
using Alpha.Runtime.Execution;
using Alpha.Sre.Incidents;

namespace Alpha.Hosting.Tests.Analysis;

public sealed class AnalysisComposerTests
{
    private static readonly AnalysisCompositionOptions Offline = new() { Environment = _ => null };

    [Fact]
    public async Task Default_IsTheShippedExampleFile()
    {
        var example = await SpecLoader.LoadAsync(SpecExamples.Path("incident_analysis.yaml"));

        Assert.Equal(SpecCanonicalizer.ToCanonicalJson(example), SpecCanonicalizer.ToCanonicalJson(AnalysisSpecs.Default));
        Assert.Equal(AnalysisSpecs.DefaultName, AnalysisSpecs.Default.Name);
    }

    [Fact]
    public void Default_ThresholdsLeftOut_AreTheRuntimeDefaults()
    {
        var spec = AnalysisSpecs.Default;

        var aggregator = new AggregatorOptions();
        var review = new HumanReviewPolicy();
        Assert.Equal(aggregator.TopK, spec.TopK);
        Assert.Equal((aggregator.AgreementBonus, new ExecutorOptions().DefaultAgentTimeout.TotalSeconds), (spec.Thresholds.AgreementBonus, spec.Thresholds.AgentTimeoutSeconds));
        Assert.Equal((review.MinTopScore, review.MinMargin), (spec.HumanReview.MinTopScore, spec.HumanReview.MinMargin));
    }

    [Fact]
    public void Compose_ShippedSpec_EverySpecialistThenSynthesisAllDeterministic()
    {
        var composed = AnalysisComposer.Compose(AnalysisSpecs.Default, Offline);

        Assert.Equal(["logs", "metrics", "commits", "config"], composed.Analyzer.Runtime.Agents.GetAll().Select(a => a.Name));
        Assert.Equal(["logs", "metrics", "commits", "config", "synthesis"], composed.AgentSpecs.Select(a => a.Name));
        Assert.Equal(["log", "metrics", "commit", "config", "synthesis"], composed.AgentSpecs.Select(a => a.AgentKind));
        Assert.All(composed.AgentSpecs, a => Assert.Equal(AgentSpec.DeterministicModel, a.Model));
        Assert.All(composed.Analyzer.Runtime.Agents.GetAll(), a => Assert.Null(a.ChatClient));
        Assert.Same(AnalysisSpecs.Default, composed.Spec);
    }

    [Fact]
    public void Compose_TopKOverride_TheEffectiveSpecCarriesIt()
    {
        var composed = AnalysisComposer.Compose(AnalysisSpecs.Default, Offline with { TopK = 3 });

        Assert.Equal(3, composed.Spec.TopK);
        Assert.NotEqual(SpecCanonicalizer.Hash(AnalysisSpecs.Default), SpecCanonicalizer.Hash(composed.Spec));
    }

    [Fact]
    public async Task Compose_SpecFields_ConfigureAgentsAndRanking()
    {
        var spec = (AnalysisSpec)SpecLoader.Parse("""
            kind: analysis
            name: two_agents
            agents: [config, logs]
            top_k: 1
            thresholds: {agreement_bonus: 0.2, agent_timeout_seconds: 12}
            human_review: {min_top_score: 0.9, min_margin: 0.3}
            """, "two_agents.yaml");
        var incident = IncidentDocument.Parse("""{"deployment_id": "d", "logs": ["ERROR: connection pool exhausted"], "config_snapshot": {"db_pool_size": 1}}""", "i.json");

        var composed = AnalysisComposer.Compose(spec, Offline);
        var report = await composed.AnalyzeAsync(incident);

        Assert.Equal(["config", "logs"], composed.Analyzer.Runtime.Agents.GetAll().Select(a => a.Name));
        Assert.Equal(["config", "logs"], composed.AgentSpecs.Select(a => a.Name));
        var runtime = AnalysisComposer.RuntimeOptionsOf(spec);
        Assert.Equal((1, 0.2, TimeSpan.FromSeconds(12), 0.9, 0.3), (runtime.Aggregator.TopK, runtime.Aggregator.AgreementBonus, runtime.Executor.DefaultAgentTimeout, runtime.HumanReview.MinTopScore, runtime.HumanReview.MinMargin));
        Assert.True(report.RankedHypotheses.Count <= 1);
        Assert.Equal(["config", "logs"], report.Agents.Select(a => a.Name));
        Assert.Equal("deterministic", report.Synthesis.Mode);
    }

    [Fact]
    public void Compose_UnknownAgent_FailsNamingTheFieldAndTheChoices()
    {
        var spec = AnalysisSpecs.Default with { Agents = [new SpecReference("logs"), new SpecReference("tracez")] };

        var ex = Assert.Throws<SpecValidationException>(() => AnalysisComposer.Compose(spec, Offline));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("agents[1]", error.Field);
        Assert.Contains("'tracez' is not a known agent", error.Message, StringComparison.Ordinal);
        Assert.Contains("logs, metrics, commits, config", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_SynthesisNotTheSynthesisAgent_Fails()
    {
        var spec = AnalysisSpecs.Default with { Synthesis = new SpecReference("logs") };

        var ex = Assert.Throws<SpecValidationException>(() => AnalysisComposer.Compose(spec, Offline));

        Assert.Equal("synthesis", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public void Compose_ModelRouting_EachAgentSpecCarriesTheModelItsClientUses()
    {
        var env = new Dictionary<string, string> { ["ALPHA_LLM_BASE_URL"] = "http://127.0.0.1:9/v1", ["ALPHA_MODEL_LOGS"] = "openai/gpt-4o" };
        var options = new AnalysisCompositionOptions { Environment = name => env.GetValueOrDefault(name) };

        var composed = AnalysisComposer.Compose(AnalysisSpecs.Default, options);
        var deterministic = AnalysisComposer.Compose(AnalysisSpecs.Default, options with { Deterministic = true });

        var agents = composed.AgentSpecs.ToDictionary(a => a.Name);
        Assert.Equal("openai/gpt-4o", agents["logs"].Model);
        Assert.Equal(AgentSpec.DeterministicModel, agents["metrics"].Model);
        var runtimeAgents = composed.Analyzer.Runtime.Agents.GetAll().ToDictionary(a => a.Name);
        Assert.Equal(("llm", "deterministic"), (runtimeAgents["logs"].Mode, runtimeAgents["metrics"].Mode));
        Assert.All(deterministic.AgentSpecs, a => Assert.Equal(AgentSpec.DeterministicModel, a.Model));
        Assert.All(deterministic.Analyzer.Runtime.Agents.GetAll(), a => Assert.Null(a.ChatClient));
    }

    [Fact]
    public async Task LoadAsync_AnAgentSpec_FailsSayingAnAnalysisIsNeeded()
    {
        var ex = await Assert.ThrowsAsync<SpecValidationException>(() => AnalysisSpecs.LoadAsync(SpecExamples.Path("summarizer.yaml")));

        Assert.Contains("kind analysis", ex.Message, StringComparison.Ordinal);
    }
}
