using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using static Alpha.Workflows.Tests.WorkflowFixture;

namespace Alpha.Workflows.Tests;

public sealed class StudioAdapterTests
{
    private const string Layout = """{"draft": {"x": 40, "y": 120}, "critique": {"x": 320, "y": 120}}""";

    private static readonly AgentSpec Reviser = new("drafter", null, "deterministic/reviser", "llm");
    private static readonly AgentSpec Checklist = new("critic", null, "deterministic/checklist", "llm");

    [Fact]
    public async Task Studio_OperatorWiredGraph_RunsExactlyAsTheSameGraph()
    {
        await using var fx = await CreateAsync();
        var inputs = GraphAdapterTests.Inputs("impact", "timeline");

        var graph = await fx.Runtime.RunAsync(new WorkflowDispatch(GraphAdapterTests.RefineWorkflow(10), Agents(Reviser, Checklist), inputs));
        var studio = await fx.Runtime.RunAsync(new WorkflowDispatch(StudioWorkflow(Layout), Agents(Reviser, Checklist), inputs));

        Assert.Equal(RunStatus.Completed, studio.Run.Status);
        Assert.Equal(graph.Outputs["refine"], studio.Outputs["refine"]);
        var graphSteps = (await fx.Ledger.GetRunAsync(graph.Run.RunId))!.Frames.Where(f => f.Stage == "node.refine.step").Select(f => JsonNode.Parse(f.Extras)!["step_id"]!.GetValue<string>());
        var studioSteps = (await fx.Ledger.GetRunAsync(studio.Run.RunId))!.Frames.Where(f => f.Stage == "node.refine.step").Select(f => JsonNode.Parse(f.Extras)!["step_id"]!.GetValue<string>());
        Assert.Equal(graphSteps, studioSteps);
    }

    [Fact]
    public async Task Studio_LayoutMoved_NewSpecVersionSameRun()
    {
        await using var fx = await CreateAsync();
        var moved = """{"draft": {"x": 0, "y": 0}, "critique": {"x": 500, "y": 0}}""";

        var first = await fx.Runtime.RunAsync(new WorkflowDispatch(StudioWorkflow(Layout), Agents(Reviser, Checklist), GraphAdapterTests.Inputs("impact")));
        var second = await fx.Runtime.RunAsync(new WorkflowDispatch(StudioWorkflow(moved), Agents(Reviser, Checklist), GraphAdapterTests.Inputs("impact")));

        Assert.NotEqual(first.SpecVersions["refine"], second.SpecVersions["refine"]);
        Assert.Equal(first.Outputs["refine"], second.Outputs["refine"]);
    }

    [Theory]
    [InlineData("""{"drift": {"x": 1, "y": 2}}""", "nodes[refine].options.layout.drift", "not a step id")]
    [InlineData("""{"draft": {"x": "left", "y": 2}}""", "nodes[refine].options.layout.draft", "{x: number, y: number}")]
    [InlineData("""[1, 2]""", "nodes[refine].options.layout", "must be a mapping")]
    public async Task Studio_BadLayout_RejectedNamingTheFieldAndNoRowWritten(string layout, string field, string message)
    {
        await using var fx = await CreateAsync();

        var error = await Assert.ThrowsAsync<SpecValidationException>(() => fx.Runtime.RunAsync(new WorkflowDispatch(StudioWorkflow(layout), Agents(Reviser, Checklist))));

        Assert.Contains(error.Errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Empty(await fx.Ledger.ListRunsAsync());
    }

    [Fact]
    public async Task Studio_BadGraphAndBadLayout_BothReportedAtOnce()
    {
        await using var fx = await CreateAsync();
        var options = GraphAdapterTests.GraphNode(10).Options!.DeepClone().AsObject();
        options["start"] = "nowhere";
        options["layout"] = JsonNode.Parse("""{"drift": {"x": 1, "y": 2}}""");
        var spec = Workflow("studio", [new WorkflowNode("refine", "studio", [new SpecReference("drafter"), new SpecReference("critic")], options)]);

        var error = await Assert.ThrowsAsync<SpecValidationException>(() => fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Reviser, Checklist))));

        Assert.Contains(error.Errors, e => e.Field == "nodes[refine].options.start");
        Assert.Contains(error.Errors, e => e.Field == "nodes[refine].options.layout.drift");
    }

    private static WorkflowSpec StudioWorkflow(string layout)
    {
        var options = GraphAdapterTests.GraphNode(10).Options!.DeepClone().AsObject();
        options["layout"] = JsonNode.Parse(layout);
        return Workflow("refine", [new WorkflowNode("refine", "studio", [new SpecReference("drafter"), new SpecReference("critic")], options)]);
    }
}
