using Alpha.Platform.Specs;

namespace Alpha.Platform.Tests.Specs;

/// <summary>A workflow's <c>layout</c> (where the studio canvas draws each node): checked, part of the hash, optional.</summary>
public sealed class WorkflowLayoutTests
{
    private const string TwoNodes = """
        kind: workflow
        name: w
        nodes:
          - {id: a, adapter: execution, agent: x}
          - {id: b, adapter: execution, agent: y}
        edges:
          - {from: a, to: b}

        """;

    [Fact]
    public void Parse_Layout_BoundByNodeIdAndPartOfTheHash()
    {
        var placed = (WorkflowSpec)SpecLoader.Parse(TwoNodes + "layout:\n  a: {x: 40, y: 60.5}\n  b: {x: 220, y: -10}\n", "w.yaml");
        var moved = (WorkflowSpec)SpecLoader.Parse(TwoNodes + "layout:\n  a: {x: 41, y: 60.5}\n  b: {x: 220, y: -10}\n", "w.yaml");
        var bare = (WorkflowSpec)SpecLoader.Parse(TwoNodes, "w.yaml");
        var empty = (WorkflowSpec)SpecLoader.Parse(TwoNodes + "layout: {}\n", "w.yaml");

        Assert.Equal(new NodePlace(40, 60.5), placed.Layout!["a"]);
        Assert.Equal(new NodePlace(220, -10), placed.Layout["b"]);
        Assert.NotEqual(SpecCanonicalizer.Hash(placed), SpecCanonicalizer.Hash(moved));
        Assert.NotEqual(SpecCanonicalizer.Hash(placed), SpecCanonicalizer.Hash(bare));
        Assert.Null(empty.Layout);
        Assert.Equal(SpecCanonicalizer.Hash(bare), SpecCanonicalizer.Hash(empty)); // no layout and an empty one are the same spec
        Assert.DoesNotContain("layout", SpecCanonicalizer.ToCanonicalJson(bare), StringComparison.Ordinal);

        // The canonical JSON (what the ledger stores and GET .../versions/{v} answers) binds back to the same places.
        var again = (WorkflowSpec)SpecLoader.Parse(SpecCanonicalizer.ToCanonicalJson(placed), "w.json");
        Assert.Equal(placed.Layout, again.Layout);
        Assert.Equal(SpecCanonicalizer.Hash(placed), SpecCanonicalizer.Hash(again));
    }

    [Fact]
    public void Parse_BadLayout_EachProblemNamesItsFieldAndLine()
    {
        var ex = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse(TwoNodes + "layout:\n  a: {x: 1}\n  c: {x: 1, y: 2}\n  b: {x: one, y: 2}\n", "w.yaml"));

        Assert.Equal(
            [("layout.a", 9), ("layout.c", 10), ("layout.b", 11)],
            ex.Errors.Select(e => (e.Field, e.Line ?? 0)));
        Assert.Contains("'c' is not a node id", ex.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("{x: number, y: number}", ex.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains(Assert.Single(Assert.Throws<SpecValidationException>(() => SpecLoader.Parse(TwoNodes + "layout: [1, 2]\n", "w.yaml")).Errors).Field, "layout");
    }
}
