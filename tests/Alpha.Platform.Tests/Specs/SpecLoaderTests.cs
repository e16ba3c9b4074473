using Alpha.Testing;
using Alpha.Platform.Specs;

namespace Alpha.Platform.Tests.Specs;

public sealed class SpecLoaderTests
{
    [Theory]
    [InlineData("research_lite.yaml", SpecKind.Agent, "research_lite")]
    [InlineData("summarizer.yaml", SpecKind.Agent, "summarizer")]
    [InlineData("incident_analysis.yaml", SpecKind.Analysis, "incident_analysis")]
    [InlineData("research_brief.yaml", SpecKind.Workflow, "research_brief")]
    public async Task LoadAsync_Examples_AreValid(string file, SpecKind kind, string name)
    {
        var spec = await SpecLoader.LoadAsync(SpecExamples.Path(file));

        Assert.Equal(kind, spec.Kind);
        Assert.Equal(name, spec.Name);
    }

    [Fact]
    public async Task LoadAsync_TwoNodeWorkflow_BindsNodesEdgesInputsAndCaps()
    {
        var spec = Assert.IsType<WorkflowSpec>(await SpecLoader.LoadAsync(SpecExamples.Path("research_brief.yaml")));

        Assert.Equal(["research", "summarize"], spec.Nodes.Select(n => n.Id));
        Assert.Equal("research_lite", Assert.Single(spec.Nodes[0].Agents).Name);
        Assert.Equal(new WorkflowEdge("research", "summarize"), Assert.Single(spec.Edges));
        Assert.True(spec.Inputs["question"].Required);
        Assert.Equal("string", spec.Inputs["audience"].Type);
        Assert.Equal(0.05m, spec.CostCaps!.PerRunMaxUsd);
        Assert.Equal(8000, spec.CostCaps.PerNodeMaxTokens);
        Assert.Equal("graph", spec.Nodes[0].Adapter);
        Assert.Equal(2L, (long)spec.Nodes[0].Options!["max_steps"]!);
    }

    [Fact]
    public void Parse_UnknownField_NamesFileLineAndField()
    {
        var ex = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse("kind: agent\nname: a\nmodel: deterministic\nagent_kind: log\ntimeout: 30\n", "a.yaml"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(("a.yaml", 5, "timeout"), (error.Source, error.Line, error.Field));
        Assert.StartsWith("a.yaml:5: timeout: unknown field; expected one of", ex.Message, StringComparison.Ordinal);
        Assert.Contains("timeout_seconds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOne()
    {
        var ex = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse("kind: agent\nname: 'bad name'\nagent_kind: robot\ntimeout_seconds: -1\n", "a.yaml"));

        Assert.Contains(ex.Errors, e => e.Field == "name" && e.Line == 2);
        Assert.Contains(ex.Errors, e => e.Field == "model" && e.Message == "is required");
        Assert.Contains(ex.Errors, e => e.Field == "agent_kind" && e.Line == 3 && e.Message.Contains("log, metrics", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Field == "timeout_seconds" && e.Line == 4);
        Assert.StartsWith("4 problems:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_JsonWrongType_ReportsJsonLine()
    {
        const string json = "{\n  \"kind\": \"workflow\",\n  \"name\": \"w\",\n  \"nodes\": [\n    {\"id\": \"a\", \"adapter\": \"graph\", \"agent\": \"x\"},\n    {\"id\": \"b\", \"adapter\": 7, \"agent\": \"x\"}\n  ]\n}";

        var ex = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse(json, "w.json"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(("w.json", 6, "nodes[1].adapter", "must be text"), (error.Source, error.Line, error.Field, error.Message));
    }

    [Fact]
    public void Parse_InvalidYaml_ReportsLine()
    {
        var ex = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse("kind: agent\nname: a\n  model: x\n", "a.yaml"));

        Assert.Equal(3, Assert.Single(ex.Errors).Line);
        Assert.Contains("invalid YAML", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidJson_ReportsLine()
    {
        var ex = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse("{\n  \"kind\": \"agent\",\n  \"name\": \n}", "a.json"));

        Assert.Equal(4, Assert.Single(ex.Errors).Line);
        Assert.Contains("invalid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKey_IsAnError()
    {
        var ex = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse("{\"kind\": \"agent\", \"name\": \"a\", \"name\": \"b\"}", "a.json"));

        Assert.Contains(ex.Errors, e => e.Field == "name" && e.Message.Contains("twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MissingKind_SaysWhichKindsExist()
    {
        var ex = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse("name: a\n", "a.yaml"));

        Assert.Equal("a.yaml:1: kind: is required", ex.Message);
        var unknown = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse("kind: robot\nname: a\n", "a.yaml"));
        Assert.Equal("a.yaml:1: kind: 'robot' is not a spec kind; use one of agent, analysis, workflow", unknown.Message);
    }

    [Fact]
    public void Parse_WorkflowCycle_IsRejectedWithThePath()
    {
        const string yaml = """
            kind: workflow
            name: w
            nodes:
              - {id: a, adapter: graph, agent: x}
              - {id: b, adapter: graph, agent: x}
              - {id: c, adapter: graph, agent: x}
            edges:
              - {from: a, to: b}
              - {from: b, to: c}
              - {from: c, to: a}
            """;

        var ex = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse(yaml, "w.yaml"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(("edges", 7), (error.Field, error.Line));
        Assert.Contains("a -> b -> c -> a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EdgeToUnknownNodeAndDuplicateIds_AreRejected()
    {
        const string yaml = """
            kind: workflow
            name: w
            nodes:
              - {id: a, adapter: graph, agent: x}
              - {id: a, adapter: crew, agents: [x, y]}
            edges:
              - {from: a, to: z}
            """;

        var ex = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse(yaml, "w.yaml"));

        Assert.Contains(ex.Errors, e => e.Field == "nodes[1].id" && e.Line == 5 && e.Message.Contains("used twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_UnknownAdapterAndBadReference_AreRejected()
    {
        const string yaml = """
            kind: workflow
            name: w
            nodes:
              - {id: a, adapter: swarm, agent: x}
              - {id: b, adapter: graph, agent: "x@zero"}
              - {id: c, adapter: graph}
            """;

        var ex = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse(yaml, "w.yaml"));

        Assert.Contains(ex.Errors, e => e.Field == "nodes[0].adapter" && e.Line == 4 && e.Message.Contains("graph, crew, debate, fusion, execution, schedule", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Field == "nodes[1].agent" && e.Line == 5);
        Assert.Contains(ex.Errors, e => e.Field == "nodes[2]" && e.Message.Contains("needs agent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoadAsync_MissingFile_SaysSo()
    {
        var ex = await Assert.ThrowsAsync<SpecValidationException>(() => SpecLoader.LoadAsync("/nonexistent/spec.yaml"));

        Assert.Equal("/nonexistent/spec.yaml: $: file not found; give the path of a spec file (YAML or JSON)", ex.Message);
    }

    [Fact]
    public void Parse_AgentPerRunCap_IsNotAnAgentField()
    {
        var ex = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse("kind: agent\nname: a\nmodel: deterministic\nagent_kind: log\ncost_caps:\n  per_run_max_usd: 1\n", "a.yaml"));

        Assert.Equal(("cost_caps.per_run_max_usd", 6), (Assert.Single(ex.Errors).Field, ex.Errors[0].Line));
    }
}
