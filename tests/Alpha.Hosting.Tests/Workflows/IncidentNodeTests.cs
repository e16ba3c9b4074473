using System.Text.Json.Nodes;
using Alpha.Hosting.Analysis;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Sre.Incidents;
using Alpha.Testing.Loopback;
using Alpha.Workflows;
using Alpha.Workflows.Replay;
using static Alpha.Hosting.Tests.Workflows.IncidentWorkflowFixture;

namespace Alpha.Hosting.Tests.Workflows;

public sealed class IncidentNodeTests
{
    private static readonly IReadOnlyDictionary<string, AgentSpec> Deterministic = Specialists.ToDictionary(s => s, s => Agent(s));

    private static JsonObject Inputs() => new() { ["incident"] = Seed };

    [Fact]
    public async Task IncidentAnalysisNode_Seed_OutputsTheRankingAlphaAnalyzeGives()
    {
        await using var fx = await CreateAsync();
        var spec = Workflow("execution", new JsonObject { ["analysis"] = "incident_analysis" });

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Deterministic, Inputs()));
        var expected = await AnalysisComposer.Compose(AnalysisSpecs.Default, new AnalysisCompositionOptions { Deterministic = true })
            .AnalyzeAsync(await IncidentDocument.LoadAsync(Seed, TextReader.Null, CancellationToken.None));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        var output = JsonNode.Parse(result.Outputs["incident"])!;
        Assert.Equal("deploy-123", (string)output["deployment_id"]!);
        var ranked = output["ranked_hypotheses"]!.AsArray();
        Assert.NotEmpty(ranked);
        Assert.Equal(expected.RankedHypotheses.Select(h => (h.Label, h.Score)), ranked.Select(h => ((string)h!["label"]!, (double)h["score"]!)));
        Assert.NotNull(output["rejected"]);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal("deterministic", Assert.Single(detail!.AgentRuns).Mode);
    }

    [Fact]
    public async Task IncidentAnalysisNode_InlineIncidentObject_SameAsThePath()
    {
        await using var fx = await CreateAsync();
        var spec = Workflow("execution", new JsonObject { ["analysis"] = "incident_analysis" });

        var fromPath = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Deterministic, Inputs()));
        var inline = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Deterministic, new JsonObject { ["incident"] = JsonNode.Parse(await File.ReadAllTextAsync(Seed)) }));

        Assert.Equal(RunStatus.Completed, inline.Run.Status);
        Assert.Equal(
            JsonNode.Parse(fromPath.Outputs["incident"])!["ranked_hypotheses"]!.ToJsonString(),
            JsonNode.Parse(inline.Outputs["incident"])!["ranked_hypotheses"]!.ToJsonString());
    }

    [Fact]
    public async Task IncidentAnalysisNode_NoIncidentInput_NodeFailsNamingTheInput()
    {
        await using var fx = await CreateAsync();

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(Workflow("execution", new JsonObject { ["analysis"] = "incident_analysis" }), Deterministic));

        Assert.Equal(RunStatus.Failed, result.Run.Status);
        Assert.Contains("incident", result.Run.Error, StringComparison.Ordinal);
        Assert.Contains("is missing", result.Run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncidentDebate_DeterministicSpecialists_RanksWithEveryTurnFramedAndJudged()
    {
        await using var fx = await CreateAsync();
        var spec = Workflow("debate", new JsonObject { ["analysis"] = "incident_analysis", ["rounds"] = 2 });

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Deterministic, Inputs()));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        var output = JsonNode.Parse(result.Outputs["incident"])!;
        Assert.Equal(2, (int)output["rounds"]!);
        var ranked = output["ranked_hypotheses"]!.AsArray();
        Assert.NotEmpty(ranked);
        Assert.Equal([.. ranked.Select(h => (double)h!["score"]!).OrderDescending()], ranked.Select(h => (double)h!["score"]!));
        var turns = output["turns"]!.AsArray();
        Assert.Equal(8, turns.Count);
        Assert.Equal(Specialists.Concat(Specialists), turns.Select(t => (string)t!["agent"]!));
        // In round 1 every specialist either backs or disputes each other specialist's top hypothesis.
        Assert.All(turns.Take(4), t => Assert.True((int)t!["claims"]! + t["challenges"]!.AsArray().Count > 0));
        Assert.All(turns, t => Assert.Equal((int)t!["claims"]!, (int)t["accepted"]!));
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal(8, detail!.Frames.Count(f => f.Stage == "node.incident.turn"));
    }

    [Fact]
    public async Task IncidentDebate_ModelClaimsWithoutEvidence_RejectedByTheJudgeAndVisible_RecordedReplayEqualWithZeroTokens()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(
            // The logs specialist's analysis: a claim on a signal that exists.
            LoopbackReply.Json(new { hypotheses = new[] { new { label = "connection pool exhaustion", description = "pool errors in the logs", confidence = 0.8, severity = "high", supporting_signals = new[] { "sig_001" }, fault_type = "connection-pool" } } }),
            // Round 1: a claim citing nothing; round 2: a claim citing a signal that does not exist.
            LoopbackReply.Json(new { hypotheses = new[] { new { label = "dns outage", description = "a hunch", confidence = 0.9, severity = "high", supporting_signals = Array.Empty<string>() } }, challenges = new[] { new { agent = "metrics", label = "code exception", reason = "the errors are pool errors" } } }),
            LoopbackReply.Json(new { hypotheses = new[] { new { label = "dns outage", description = "still a hunch", confidence = 0.9, severity = "high", supporting_signals = new[] { "sig_999" } } } }));
        var agents = Specialists.ToDictionary(s => s, s => Agent(s, s == "logs" ? "loopback/test-model" : null));
        var spec = Workflow("debate", new JsonObject { ["analysis"] = "incident_analysis", ["rounds"] = 2 });

        var original = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, agents, Inputs()));
        var requests = fx.Server.RequestCount;
        var replay = await new WorkflowReplayer(fx.Runtime, fx.Ledger).ReplayAsync(original.Run.RunId, ReplayMode.Recorded);

        Assert.Equal(RunStatus.Completed, original.Run.Status);
        Assert.Equal(3, requests);
        Assert.Contains(fx.Server.Requests[1].Messages, m => m.Content.Contains("Opening positions", StringComparison.Ordinal));
        var output = JsonNode.Parse(original.Outputs["incident"])!;
        var rejected = output["rejected"]!.AsArray().Select(r => ((int)r!["round"]!, (string)r["agent"]!, (string)r["label"]!, (string)r["reason"]!)).ToArray();
        Assert.Contains((1, "logs", "dns outage", "cites no signal"), rejected);
        Assert.Contains((2, "logs", "dns outage", "cited signal 'sig_999' does not exist"), rejected);
        Assert.DoesNotContain(output["ranked_hypotheses"]!.AsArray(), h => (string)h!["label"]! == "dns outage");
        Assert.Equal("the errors are pool errors", (string)output["turns"]![0]!["challenges"]![0]!["reason"]!);
        Assert.True(original.Run.TotalTokens > 0);
        Assert.Equal(RunStatus.Completed, replay.Run.Status);
        Assert.Equal(original.Outputs, replay.Outputs);
        Assert.Equal(0, replay.Run.TotalTokens);
        Assert.Equal(requests, fx.Server.RequestCount);
    }

    [Theory]
    [InlineData("execution", """{"analysis": "other_analysis"}""", null, "nodes[incident].options.analysis", "only the shipped 'incident_analysis'")]
    [InlineData("debate", """{"analysis": "incident_analysis", "rounds": 0}""", null, "nodes[incident].options.rounds", "whole number from 1 to 20")]
    [InlineData("debate", """{"analysis": "incident_analysis", "judge": "logs"}""", null, "nodes[incident].options.judge", "known options: analysis, rounds")]
    [InlineData("debate", """{"analysis": "incident_analysis"}""", "logs,metrics,triager", "nodes[incident].agents", "triager is not an SRE specialist")]
    [InlineData("debate", """{"analysis": "incident_analysis"}""", "logs", "nodes[incident].agents", "at least two SRE specialists")]
    public async Task IncidentNodes_InvalidOptionsOrAgents_RejectedBeforeAnyRowNamingTheField(string adapter, string options, string? agentList, string field, string message)
    {
        await using var fx = await CreateAsync();
        var names = agentList?.Split(',') ?? [.. Specialists];
        var agents = names.ToDictionary(n => n, n => Specialists.Contains(n) ? Agent(n) : new AgentSpec(n, null, AgentSpec.DeterministicModel, "llm"));

        var error = await Assert.ThrowsAsync<SpecValidationException>(() => fx.Runtime.RunAsync(new WorkflowDispatch(Workflow(adapter, JsonNode.Parse(options)!.AsObject(), names), agents, Inputs())));

        var only = Assert.Single(error.Errors);
        Assert.Equal(field, only.Field);
        Assert.Contains(message, only.Message, StringComparison.Ordinal);
        Assert.Empty(await fx.Ledger.ListRunsAsync());
    }

    [Fact]
    public async Task GenericNodes_WithoutTheAnalysisOption_AreLeftToTheBuiltInFactories()
    {
        await using var fx = await CreateAsync();
        var spec = Workflow("debate", new JsonObject { ["rounds"] = 1 }, ["logs", "metrics", "commits"]);

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Specialists.Take(3).ToDictionary(s => s, s => Agent(s))));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        Assert.StartsWith("WINNER: ", result.Outputs["incident"], StringComparison.Ordinal);
    }
}
