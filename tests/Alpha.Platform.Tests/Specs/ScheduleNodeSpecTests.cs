using Alpha.Platform.Specs;

namespace Alpha.Platform.Tests.Specs;

public sealed class ScheduleNodeSpecTests
{
    [Fact]
    public void Parse_ScheduleNodeWithoutAgents_BindsWithItsOptionsKept()
    {
        const string yaml = """
            kind: workflow
            name: nightly
            nodes:
              - id: tick
                adapter: schedule
                options: {cron: "0 2 * * *", workflow: triage.yaml, grace_seconds: 300}
            """;

        var spec = Assert.IsType<WorkflowSpec>(SpecLoader.Parse(yaml, "nightly.yaml"));

        var node = Assert.Single(spec.Nodes);
        Assert.Empty(node.Agents);
        Assert.Equal("0 2 * * *", node.Options!["cron"]!.GetValue<string>());
        Assert.Equal(SpecCanonicalizer.Hash(spec), SpecCanonicalizer.Hash(SpecLoader.Parse(yaml.Replace("grace_seconds: 300", "grace_seconds: 300.0", StringComparison.Ordinal), "same.yaml")));
    }

    [Fact]
    public void Parse_StepNodeWithoutAgents_StillNeedsAnAgent()
    {
        const string yaml = """
            kind: workflow
            name: steps
            nodes:
              - {id: a, adapter: execution}
            """;

        var ex = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse(yaml, "steps.yaml"));

        Assert.Contains(ex.Errors, e => e.Field == "nodes[0]" && e.Message.Contains("needs agent", StringComparison.Ordinal));
    }
}
