using System.Text.Json.Nodes;
using Alpha.Testing;

namespace Alpha.Cli.Tests;

public sealed class WorkflowsExamplesCommandTests
{
    private static readonly string Workflows = Path.GetFullPath(Path.Combine(SpecExamples.Root, "..", "workflows"));

    [Fact]
    public async Task WorkflowsRun_RefineGraphExample_CompletesOffline()
    {
        using var files = new TempFiles();
        var db = Path.Combine(files.Root, "ledger.db");

        var run = await CliRunner.RunAsync(["workflows", "run", Path.Combine(Workflows, "refine_graph.yaml"), "--json", "--db", db]);

        Assert.Equal(0, run.ExitCode);
        var body = JsonNode.Parse(run.Out)!;
        Assert.Equal("completed", body["status"]!.GetValue<string>());
        Assert.Contains("- timeline", body["outputs"]!["refine"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkflowsRun_NestedExample_ByFileThenByNameFromTheLedger()
    {
        using var files = new TempFiles();
        var db = Path.Combine(files.Root, "ledger.db");

        var byFile = await CliRunner.RunAsync(["workflows", "run", Path.Combine(Workflows, "nested_review.yaml"), "--json", "--db", db]);
        var byName = await CliRunner.RunAsync(["workflows", "run", "nested_review", "--json", "--db", db]);

        Assert.Equal((0, 0), (byFile.ExitCode, byName.ExitCode));
        var first = JsonNode.Parse(byFile.Out)!;
        var second = JsonNode.Parse(byName.Out)!;
        Assert.Equal("completed", second["status"]!.GetValue<string>());
        Assert.Equal(first["outputs"]!["summary"]!.GetValue<string>(), second["outputs"]!["summary"]!.GetValue<string>());
        Assert.Null(second["outputs"]!["escalate"]);
    }
}
