using Alpha.Platform.Specs;

namespace Alpha.Platform.Tests.Specs;

/// <summary>
/// Every spec kind, in YAML and JSON: a field of the wrong type or a missing one names the file, the line and the field
/// when the spec is bound, and an error found later on the bound spec (at dispatch, or by a host) gets its line from the
/// text (<see cref="SpecLines"/>).
/// </summary>
public sealed class SpecLinesTests
{
    private const string WorkflowYaml = """
        kind: workflow
        name: w
        nodes:
          - id: plan
            adapter: execution
            agent: planner
          - id: crew
            adapter: crew
            agents: [planner, critic]
            options:
              max_rounds: lots
        edges:
          - {from: plan, to: crew}
        """;

    private const string WorkflowJson = """
        {
          "kind": "workflow",
          "name": "w",
          "nodes": [
            {"id": "plan", "adapter": "execution", "agent": "planner"},
            {
              "id": "crew",
              "adapter": "crew",
              "agents": ["planner", "critic"],
              "options": {"max_rounds": "lots"}
            }
          ]
        }
        """;

    [Theory]
    [InlineData("kind: agent\nname: a\nmodel: deterministic\nagent_kind: llm\ntools: search\n", "a.yaml", 5, "tools", "must be a list")]
    [InlineData("{\n  \"kind\": \"agent\",\n  \"name\": \"a\",\n  \"model\": \"deterministic\",\n  \"agent_kind\": \"llm\",\n  \"timeout_seconds\": \"ten\"\n}", "a.json", 6, "timeout_seconds", "must be a number")]
    [InlineData("kind: analysis\nname: x\nagents: [logs]\nthresholds:\n  agreement_bonus: high\n", "x.yaml", 5, "thresholds.agreement_bonus", "must be a number")]
    [InlineData("{\n  \"kind\": \"analysis\",\n  \"name\": \"x\",\n  \"agents\": \"logs\"\n}", "x.json", 4, "agents", "must be a list")]
    [InlineData("kind: workflow\nname: w\nnodes:\n  - {id: a, adapter: execution, agent: p}\n  - id: b\n    adapter: [crew]\n    agent: p\n", "w.yaml", 6, "nodes[1].adapter", "must be text")]
    [InlineData("{\n  \"kind\": \"workflow\",\n  \"name\": \"w\",\n  \"nodes\": [\n    {\"id\": \"a\", \"adapter\": \"execution\", \"agent\": \"p\"},\n    {\"id\": \"b\", \"adapter\": {}, \"agent\": \"p\"}\n  ]\n}", "w.json", 6, "nodes[1].adapter", "must be text")]
    public void Parse_FieldOfTheWrongType_NamesFileLineAndField(string text, string source, int line, string field, string message)
    {
        var ex = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse(text, source));

        var error = Assert.Single(ex.Errors);
        Assert.Equal((source, line, field, message), (error.Source, error.Line, error.Field, error.Message));
        Assert.Equal($"{source}:{line}: {field}: {message}", ex.Message);
    }

    [Theory]
    [InlineData("kind: agent\nname: a\nagent_kind: llm\n", "a.yaml", "model", 1)]
    [InlineData("{\n  \"kind\": \"agent\",\n  \"name\": \"a\",\n  \"model\": \"deterministic\"\n}", "a.json", "agent_kind", 1)]
    [InlineData("kind: analysis\nname: x\n", "x.yaml", "agents", 1)]
    [InlineData("kind: workflow\nname: w\nnodes:\n  - id: a\n    agent: p\n", "w.yaml", "nodes[0].adapter", 4)]
    [InlineData("{\n  \"kind\": \"workflow\",\n  \"name\": \"w\",\n  \"nodes\": [\n    {\"id\": \"a\",\n     \"agent\": \"p\"}\n  ]\n}", "w.json", "nodes[0].adapter", 5)]
    public void Parse_MissingField_LineOfTheEnclosingField(string text, string source, string field, int line)
    {
        var ex = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse(text, source));

        var error = Assert.Single(ex.Errors);
        Assert.Equal((field, line, "is required"), (error.Field, error.Line, error.Message));
    }

    [Theory]
    [InlineData(WorkflowYaml, "w.yaml", 11)]
    [InlineData(WorkflowJson, "w.json", 10)]
    public void Find_NodeNamedByItsId_LineOfTheOption(string text, string source, int line)
    {
        Assert.Equal(line, SpecLines.Find(text, source, "nodes[crew].options.max_rounds"));
        Assert.Equal(line, SpecLines.Find(text, source, "$.nodes[1].options.max_rounds"));
    }

    [Fact]
    public void Find_OptionLeftOut_LineOfTheNearestEnclosingField()
    {
        Assert.Equal(10, SpecLines.Find(WorkflowYaml, "w.yaml", "nodes[crew].options.rounds"));
        Assert.Equal(4, SpecLines.Find(WorkflowYaml, "w.yaml", "nodes[plan].agents"));
    }

    [Theory]
    [InlineData("nodes[nobody].options")]
    [InlineData("layout.plan")]
    public void Find_FieldNotInTheText_Null(string field)
    {
        Assert.Null(SpecLines.Find(WorkflowYaml, "w.yaml", field));
    }

    [Fact]
    public void Find_TextThatDoesNotParse_Null()
    {
        Assert.Null(SpecLines.Find("kind: [unclosed", "w.yaml", "kind"));
    }

    [Fact]
    public void Locate_ErrorsWithoutLines_GetTheFileAndTheLine()
    {
        var error = new SpecValidationException(
        [
            new SpecError("workflow", null, "nodes[crew].options.max_rounds", "must be a whole number from 1 to 100"),
            new SpecError("workflow", null, "$", "is not the right document"),
            new SpecError("other.yaml", 3, "name", "already placed"),
            new SpecError("workflow", null, "nodes[gone].agents", "about another workflow"),
        ]);

        var located = SpecLines.Locate(error, WorkflowYaml, "specs/w.yaml");

        Assert.Equal(
            [("specs/w.yaml", (int?)11), ("workflow", null), ("other.yaml", 3), ("workflow", null)],
            located.Errors.Select(e => (e.Source, e.Line)));
        Assert.StartsWith("4 problems:\nspecs/w.yaml:11: nodes[crew].options.max_rounds: must be", located.Message, StringComparison.Ordinal);
        Assert.Same(error, located.InnerException);
    }

    [Fact]
    public async Task LocateAsync_FileGone_TheErrorAsItWas()
    {
        var error = new SpecValidationException([new SpecError("workflow", null, "kind", "wrong kind")]);

        Assert.Same(error, await SpecLines.LocateAsync(error, Path.Combine(Path.GetTempPath(), "alpha-no-such-spec-" + Guid.NewGuid().ToString("N") + ".yaml")));
    }
}
