using System.Text.Json.Nodes;
using Alpha.Testing;

namespace Alpha.Cli.Tests;

public sealed class ExampleWorkflowsCommandTests
{
    private static string Examples => Path.GetDirectoryName(SpecExamples.Root)!;

    [Fact]
    public async Task WorkflowsRun_IncidentDebateExample_CompletesWithARankingAndEveryTurn()
    {
        using var files = new TempFiles();
        var db = Path.Combine(files.Root, "ledger.db");

        var run = await CliRunner.RunAsync(["workflows", "run", Path.Combine(Examples, "workflows", "incident_debate.yaml"), "--inputs", new JsonObject { ["incident"] = Path.Combine(Examples, "incidents", "seed.json") }.ToJsonString(), "--json", "--db", db]);

        Assert.Equal(0, run.ExitCode);
        var body = JsonNode.Parse(run.Out)!;
        Assert.Equal("completed", (string)body["status"]!);
        var debate = JsonNode.Parse((string)body["outputs"]!["debate"]!)!;
        Assert.NotEmpty(debate["ranked_hypotheses"]!.AsArray());
        Assert.NotNull(debate["rejected"]);
        Assert.Equal(8, debate["turns"]!.AsArray().Count);
    }

    [Fact]
    public async Task WorkflowsRun_IncidentAnalysisExample_OutputsTheRankedHypotheses()
    {
        using var files = new TempFiles();
        var db = Path.Combine(files.Root, "ledger.db");

        var run = await CliRunner.RunAsync(["workflows", "run", Path.Combine(Examples, "workflows", "incident_analysis.yaml"), "--inputs", new JsonObject { ["incident"] = Path.Combine(Examples, "incidents", "seed.json") }.ToJsonString(), "--json", "--db", db]);

        Assert.Equal(0, run.ExitCode);
        var analysis = JsonNode.Parse((string)JsonNode.Parse(run.Out)!["outputs"]!["analysis"]!)!;
        Assert.Equal("deploy-123", (string)analysis["deployment_id"]!);
        Assert.NotEmpty(analysis["ranked_hypotheses"]!.AsArray());
    }

    [Fact]
    public async Task WorkflowsRun_CrewPlanExample_PlannerDelegatesToEveryWorker()
    {
        using var files = new TempFiles();
        var db = Path.Combine(files.Root, "ledger.db");

        var run = await CliRunner.RunAsync(["workflows", "run", Path.Combine(Examples, "workflows", "crew_plan.yaml"), "--inputs", """{"ticket": "checkout latency up"}""", "--json", "--db", db]);

        Assert.Equal(0, run.ExitCode);
        var crew = (string)JsonNode.Parse(run.Out)!["outputs"]!["crew"]!;
        Assert.Contains("log_reader: did", crew, StringComparison.Ordinal);
        Assert.Contains("metrics_reader: did", crew, StringComparison.Ordinal);
        Assert.Contains("change_reader: did", crew, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkflowsRun_TicketDebateExample_RefereeDecidesAfterTwoRounds()
    {
        using var files = new TempFiles();
        var db = Path.Combine(files.Root, "ledger.db");

        var run = await CliRunner.RunAsync(["workflows", "run", Path.Combine(Examples, "workflows", "ticket_debate.yaml"), "--inputs", """{"ticket": "checkout latency up"}""", "--json", "--db", db]);
        var tail = await CliRunner.RunAsync(["runs", "tail", (string)JsonNode.Parse(run.Out)!["run_id"]!, "--db", db]);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("WINNER: ", (string)JsonNode.Parse(run.Out)!["outputs"]!["debate"]!, StringComparison.Ordinal);
        Assert.Equal(5, tail.Out.Split('\n').Count(l => l.Contains("node.debate.turn", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunsReplay_IncidentDebateRecorded_SameOutputs()
    {
        using var files = new TempFiles();
        var db = Path.Combine(files.Root, "ledger.db");
        var run = await CliRunner.RunAsync(["workflows", "run", Path.Combine(Examples, "workflows", "incident_debate.yaml"), "--inputs", new JsonObject { ["incident"] = Path.Combine(Examples, "incidents", "seed.json") }.ToJsonString(), "--json", "--db", db]);
        var original = JsonNode.Parse(run.Out)!;

        var replay = await CliRunner.RunAsync(["runs", "replay", (string)original["run_id"]!, "--json", "--db", db]);

        Assert.Equal(0, replay.ExitCode);
        var body = JsonNode.Parse(replay.Out)!;
        Assert.Equal((string)original["run_id"]!, (string)body["parent_run_id"]!);
        Assert.Equal(original["outputs"]!.ToJsonString(), body["outputs"]!.ToJsonString());
    }
}
