using Alpha.Platform.Specs;

namespace Alpha.Platform.Tests.Specs;

public sealed class WorkflowEdgeConditionTests
{
    private const string Routed = """
        kind: workflow
        name: routed
        inputs:
          mode: string
        nodes:
          - {id: review, adapter: execution, agent: critic}
          - {id: publish, adapter: execution, agent: publisher}
          - {id: child, adapter: execution, workflow: other@2}
        edges:
          - {from: review, to: publish, when: {equals: approve}}
          - {from: review, to: child, when: {key: inputs.mode, matches: "^fa"}}
        """;

    [Fact]
    public void Parse_EdgeConditionsAndNestedWorkflow_Bound()
    {
        var spec = Assert.IsType<WorkflowSpec>(SpecLoader.Parse(Routed, "w.yaml"));

        Assert.Equal(new EdgeCondition(EqualTo: "approve"), spec.Edges[0].When);
        Assert.Equal(new EdgeCondition(Key: "inputs.mode", Matches: "^fa"), spec.Edges[1].When);
        Assert.Equal(new SpecReference("other", 2), spec.Nodes[2].Workflow);
        Assert.Empty(spec.Nodes[2].Agents);
    }

    [Fact]
    public void Hash_IncludesTheCondition_AndTheCanonicalFormRoundTrips()
    {
        var spec = SpecLoader.Parse(Routed, "w.yaml");
        var other = SpecLoader.Parse(Routed.Replace("equals: approve", "equals: approved", StringComparison.Ordinal), "w.yaml");
        var unconditional = SpecLoader.Parse(Routed.Replace(", when: {equals: approve}", string.Empty, StringComparison.Ordinal), "w.yaml");

        Assert.NotEqual(SpecCanonicalizer.Hash(spec), SpecCanonicalizer.Hash(other));
        Assert.NotEqual(SpecCanonicalizer.Hash(spec), SpecCanonicalizer.Hash(unconditional));
        // An edge without a condition writes no "when": specs hashed before conditions existed keep their hash.
        var plain = SpecLoader.Parse("kind: workflow\nname: p\nnodes:\n  - {id: a, adapter: execution, agent: x}\n  - {id: b, adapter: execution, agent: y}\nedges:\n  - {from: a, to: b}\n", "p.yaml");
        Assert.DoesNotContain("when", SpecCanonicalizer.ToCanonicalJson(plain), StringComparison.Ordinal);
        Assert.DoesNotContain("workflow\":", SpecCanonicalizer.ToCanonicalJson(plain), StringComparison.Ordinal);
        var reparsed = SpecLoader.Parse(SpecCanonicalizer.ToCanonicalJson(spec), "w.json", SpecFormat.Json);
        Assert.Equal(SpecCanonicalizer.Hash(spec), SpecCanonicalizer.Hash(reparsed));
    }

    [Theory]
    [InlineData("when: {equals: a, contains: b}", "edges[0].when", "exactly one")]
    [InlineData("when: {}", "edges[0].when", "needs one operator")]
    [InlineData("when: {key: nowhere, equals: a}", "edges[0].when.key", "neither a node id")]
    [InlineData("when: {is: a}", "edges[0].when.is", "unknown field")]
    [InlineData("when: {matches: '('}", "edges[0].when.matches", "not a regular expression")]
    [InlineData("when: approve", "edges[0].when", "must be a mapping")]
    public void Parse_BadEdgeCondition_NamesTheField(string when, string field, string message)
    {
        var yaml = $"kind: workflow\nname: w\nnodes:\n  - {{id: a, adapter: execution, agent: x}}\n  - {{id: b, adapter: execution, agent: y}}\nedges:\n  - {{from: a, to: b, {when}}}\n";

        var ex = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse(yaml, "w.yaml"));

        Assert.Contains(ex.Errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{id: n, adapter: execution, workflow: w}", "nodes[0].workflow", "cannot run itself")]
    [InlineData("{id: n, adapter: graph, workflow: other}", "nodes[0].adapter", "use adapter execution")]
    [InlineData("{id: n, adapter: execution, workflow: other, agent: x}", "nodes[0]", "not both")]
    public void Parse_BadNestedWorkflowNode_NamesTheField(string node, string field, string message)
    {
        var ex = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse($"kind: workflow\nname: w\nnodes:\n  - {node}\n", "w.yaml"));

        Assert.Contains(ex.Errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("approve", true)]
    [InlineData(" approve\n", true)]
    [InlineData("approved", false)]
    [InlineData(null, false)]
    public void Holds_Equals_TrimsAndComparesOrdinally(string? value, bool expected) =>
        Assert.Equal(expected, new EdgeCondition(EqualTo: "approve").Holds(value));

    [Fact]
    public void Holds_OtherOperators_ReadTheValue()
    {
        Assert.True(new EdgeCondition(Contains: "REVISE").Holds("please revise: missing x"));
        Assert.True(new EdgeCondition(NotEqualTo: "approve").Holds(null));
        Assert.False(new EdgeCondition(NotEqualTo: "approve").Holds("approve"));
        Assert.True(new EdgeCondition(Matches: @"^score: \d+$").Holds("score: 42"));
        Assert.False(new EdgeCondition(Matches: "x").Holds(null));
    }
}
