using System.Text.Json.Nodes;
using Alpha.Platform.Specs;
using Alpha.Testing;
using Alpha.Workflows.Scheduling;
using static Alpha.Workflows.Tests.Scheduling.Schedules;

namespace Alpha.Workflows.Tests.Scheduling;

public sealed class ScheduleReaderTests
{
    [Fact]
    public void Read_MinimalNode_TakesTheDocumentedDefaults()
    {
        var schedule = One("*/5 * * * *");

        Assert.Equal("nightly/tick", schedule.Key);
        Assert.Equal(("target", MissedFirePolicy.Skip, TimeSpan.FromSeconds(60), "UTC"), (schedule.Workflow, schedule.Missed, schedule.Grace, schedule.TimeZone.Id));
        Assert.Equal("nightly sweep", schedule.Inputs["ticket"]!.GetValue<string>());
    }

    [Fact]
    public void Read_EveryOptionWrong_ReportsEachFieldInOneError()
    {
        var options = new JsonObject
        {
            ["cron"] = "every night",
            ["timezone"] = "Mars/Olympus",
            ["missed"] = "catch_up",
            ["grace_seconds"] = -5,
            ["inputs"] = "ticket",
            ["every"] = "5m",
        };
        var spec = new WorkflowSpec("bad", null, new Dictionary<string, WorkflowInput>(), [new WorkflowNode("tick", "schedule", [], options)], [], null);

        var ex = Assert.Throws<SpecValidationException>(() => ScheduleReader.Read(spec, "bad.yaml"));

        Assert.Equal(
            ["nodes[tick].options.cron", "nodes[tick].options.every", "nodes[tick].options.grace_seconds", "nodes[tick].options.inputs", "nodes[tick].options.missed", "nodes[tick].options.timezone", "nodes[tick].options.workflow"],
            ex.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.All(ex.Errors, e => Assert.Equal("bad.yaml", e.Source));
        Assert.Contains("'every night' is not a cron expression", ex.Message, StringComparison.Ordinal);
        Assert.Contains("use one of skip, run_once, run_all", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nodes[tick].options.workflow: is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ScheduleMixedWithStepsAndEdges_IsRefused()
    {
        var spec = new WorkflowSpec(
            "mixed",
            null,
            new Dictionary<string, WorkflowInput>(),
            [Spec("* * * * *").Nodes[0], new WorkflowNode("triage", "execution", [new SpecReference("triager")])],
            [new WorkflowEdge("tick", "triage")],
            null);

        var ex = Assert.Throws<SpecValidationException>(() => ScheduleReader.Read(spec, "mixed.yaml"));

        Assert.Equal(["edges", "nodes[triage].adapter"], ex.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Read_ExampleFile_ParsesWithoutAgentsAndDispatchesAnExistingExample()
    {
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(SpecExamples.Root, "..", "workflows", "nightly_triage.yaml"));

        var spec = Assert.IsType<WorkflowSpec>(await SpecLoader.LoadAsync(path));
        var schedule = Assert.Single(ScheduleReader.Read(spec, path));

        Assert.Equal("nightly_triage/nightly", schedule.Key);
        Assert.Empty(spec.Nodes[0].Agents);
        Assert.True(File.Exists(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, schedule.Workflow)));
    }

    [Fact]
    public async Task RunAsync_ScheduleSpecDispatchedAsAWorkflow_RefusedBeforeAnyRowSayingHowToRunIt()
    {
        await using var fx = await WorkflowFixture.CreateAsync();

        var ex = await Assert.ThrowsAsync<SpecValidationException>(() => fx.Runtime.RunAsync(new WorkflowDispatch(Spec("* * * * *"), new Dictionary<string, AgentSpec>())));

        Assert.Equal("nodes[tick].adapter", Assert.Single(ex.Errors).Field);
        Assert.Contains("alpha workflows schedule", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await fx.Ledger.ListRunsAsync());
    }
}
