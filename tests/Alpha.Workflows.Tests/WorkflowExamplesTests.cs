using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Testing;
using Alpha.Testing.Loopback;
using static Alpha.Workflows.Tests.WorkflowFixture;

namespace Alpha.Workflows.Tests;

/// <summary>The example workflow specs run as shipped (read the way <c>alpha workflows run FILE</c> reads them).</summary>
public sealed class WorkflowExamplesTests
{
    private static readonly string Workflows = Path.GetFullPath(Path.Combine(SpecExamples.Root, "..", "workflows"));

    [Fact]
    public async Task RefineGraph_Offline_LoopsUntilTheCriticApproves()
    {
        await using var fx = await CreateAsync();
        var (spec, agents, workflows) = await LoadAsync(Path.Combine(Workflows, "refine_graph.yaml"));

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, agents, null, Workflows: workflows));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        Assert.All(new[] { "impact", "root cause", "timeline" }, item => Assert.Contains($"- {item}", result.Outputs["refine"], StringComparison.Ordinal));
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal(8, detail!.Frames.Count(f => f.Stage == "node.refine.step"));
    }

    [Fact]
    public async Task StudioRefine_Offline_SameStepsAndOutputAsTheGraphExample()
    {
        await using var fx = await CreateAsync();
        var (graph, graphAgents, graphWorkflows) = await LoadAsync(Path.Combine(Workflows, "refine_graph.yaml"));
        var (studio, agents, workflows) = await LoadAsync(Path.Combine(Workflows, "studio_refine.yaml"));

        var expected = await fx.Runtime.RunAsync(new WorkflowDispatch(graph, graphAgents, null, Workflows: graphWorkflows));
        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(studio, agents, null, Workflows: workflows));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        Assert.Equal(expected.Outputs["refine"], result.Outputs["refine"]);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal(8, detail!.Frames.Count(f => f.Stage == "node.refine.step"));
    }

    [Fact]
    public async Task RefineGraph_LongerChecklist_HitsMaxStepsAndSaysSo()
    {
        await using var fx = await CreateAsync();
        var (spec, agents, workflows) = await LoadAsync(Path.Combine(Workflows, "refine_graph.yaml"));
        var inputs = new JsonObject { ["checklist"] = new JsonArray("impact", "root cause", "timeline", "follow-up") };

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, agents, inputs, Workflows: workflows));

        Assert.Equal(RunStatus.Capped, result.Run.Status);
        Assert.Equal("node 'refine': graph max_steps 9 reached", result.Run.Error);
        Assert.Contains("- follow-up", result.Outputs["refine"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NestedReview_Offline_ChildRunThenPublishWhileEscalateIsSkipped()
    {
        await using var fx = await CreateAsync();
        var (spec, agents, workflows) = await LoadAsync(Path.Combine(Workflows, "nested_review.yaml"));

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, agents, null, Workflows: workflows));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        Assert.Equal("approve", result.Outputs["review"]);
        Assert.True(result.Outputs.ContainsKey("publish"));
        Assert.False(result.Outputs.ContainsKey("escalate"));
        var child = Assert.Single(await fx.Ledger.ListRunsAsync(), r => r.ParentRunId == result.Run.RunId);
        Assert.Equal(RunStatus.Completed, child.Status);
        Assert.Contains((await fx.Ledger.GetRunAsync(result.Run.RunId))!.Frames, f => f.Stage == "node.escalate.skipped");
    }

    [Fact]
    public async Task ResearchBrief_WithLoopbackModel_ResearchesAgainOnUnknownThenSummarises()
    {
        await using var fx = await CreateAsync(withModel: true);
        fx.Server!.Enqueue(
            LoopbackReply.Stream(["unknown: no source found"]),
            LoopbackReply.Stream(["A circuit breaker stops calls to a failing service (https://example.org/cb)."]),
            LoopbackReply.Stream(["- stops calls\n- to a failing service\n- https://example.org/cb"]));
        var (spec, agents, workflows) = await LoadAsync(SpecExamples.Path("research_brief.yaml"));

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, agents, new JsonObject { ["question"] = "What is a circuit breaker?" }, Workflows: workflows));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        Assert.StartsWith("A circuit breaker", result.Outputs["research"], StringComparison.Ordinal);
        Assert.StartsWith("- stops calls", result.Outputs["summarize"], StringComparison.Ordinal);
        Assert.Equal(3, fx.Server.RequestCount);
        Assert.Contains("unknown: no source found", fx.Server.Requests[1].Body.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(WorkflowSpec Spec, Dictionary<string, AgentSpec> Agents, Dictionary<string, WorkflowSpec> Workflows)> LoadAsync(string file)
    {
        var spec = Assert.IsType<WorkflowSpec>(await SpecLoader.LoadAsync(file));
        var folder = Path.GetDirectoryName(file)!;
        var agents = new Dictionary<string, AgentSpec>(StringComparer.Ordinal);
        var workflows = new Dictionary<string, WorkflowSpec>(StringComparer.Ordinal);
        foreach (var path in new[] { folder, Path.Combine(folder, "agents") }.Where(Directory.Exists).SelectMany(Directory.EnumerateFiles).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            switch (await SpecLoader.LoadAsync(path))
            {
                case AgentSpec agent:
                    agents[agent.Name] = agent;
                    break;
                case WorkflowSpec workflow when workflow.Name != spec.Name:
                    workflows[workflow.Name] = workflow;
                    break;
            }
        }

        return (spec, agents, workflows);
    }
}
