using System.Text.Json.Nodes;
using Alpha.Platform.Specs;
using Alpha.Workflows.Scheduling;

namespace Alpha.Workflows.Tests.Scheduling;

/// <summary>Schedule specs and their target workflow for the scheduler tests.</summary>
internal static class Schedules
{
    public static readonly DateTimeOffset Night = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);

    public static WorkflowSpec Spec(string cron, string? missed = null, double? grace = null, string name = "nightly", string? zone = null)
    {
        var options = new JsonObject
        {
            ["cron"] = cron,
            ["workflow"] = "target",
            ["inputs"] = new JsonObject { ["ticket"] = "nightly sweep" },
        };
        if (missed is not null)
        {
            options["missed"] = missed;
        }

        if (grace is not null)
        {
            options["grace_seconds"] = grace;
        }

        if (zone is not null)
        {
            options["timezone"] = zone;
        }

        return new WorkflowSpec(name, null, new Dictionary<string, WorkflowInput>(), [new WorkflowNode("tick", "schedule", [], options)], [], null);
    }

    public static WorkflowSchedule One(string cron, string? missed = null, double? grace = null, string? zone = null) =>
        Assert.Single(ScheduleReader.Read(Spec(cron, missed, grace, zone: zone), "nightly.yaml"));

    public static ScheduleTarget Target() => new(
        new WorkflowSpec(
            "target",
            null,
            new Dictionary<string, WorkflowInput> { ["ticket"] = new("string", Required: true) },
            [new WorkflowNode("triage", "execution", [new SpecReference("triager")])],
            [],
            null),
        new Dictionary<string, AgentSpec> { ["triager"] = WorkflowFixture.Deterministic("triager") });
}
