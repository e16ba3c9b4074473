using System.Text.Json.Nodes;

namespace Alpha.Cli.Tests;

public sealed class WorkflowsCommandTests
{
    private const string Agent = """
        kind: agent
        name: echo
        model: deterministic
        agent_kind: llm
        """;

    private const string Workflow = """
        kind: workflow
        name: two_step
        inputs:
          ticket: string
        nodes:
          - {id: first, adapter: execution, agent: echo}
          - {id: second, adapter: execution, agent: echo}
        edges:
          - {from: first, to: second}
        """;

    [Fact]
    public async Task WorkflowsRun_FileWithAgentsBesideIt_CompletesAndTailShowsTheFrames()
    {
        using var files = new TempFiles();
        Directory.CreateDirectory(Path.Combine(files.Root, "agents"));
        files.Write("agents/echo.yaml", Agent);
        var spec = files.Write("two_step.yaml", Workflow);
        var db = Path.Combine(files.Root, "ledger.db");

        var run = await CliRunner.RunAsync(["workflows", "run", spec, "--inputs", "{\"ticket\": \"t\"}", "--json", "--db", db]);
        var body = JsonNode.Parse(run.Out)!;
        var tail = await CliRunner.RunAsync(["runs", "tail", body["run_id"]!.GetValue<string>(), "--db", db]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("completed", body["status"]!.GetValue<string>());
        Assert.Equal("echo: read 1 upstream outputs (first)", body["outputs"]!["second"]!.GetValue<string>());
        Assert.Equal(0, tail.ExitCode);
        var stages = tail.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length > 2 && p[0] != "run").Select(p => p[2]);
        Assert.Equal(["workflow.started", "node.first.started", "node.first.completed", "node.second.started", "node.second.completed", "workflow.completed"], stages);
    }

    [Fact]
    public async Task RunsReplay_Recorded_NewRunWithParentAndSameOutputs()
    {
        using var files = new TempFiles();
        Directory.CreateDirectory(Path.Combine(files.Root, "agents"));
        files.Write("agents/echo.yaml", Agent);
        var spec = files.Write("two_step.yaml", Workflow);
        var db = Path.Combine(files.Root, "ledger.db");
        var original = JsonNode.Parse((await CliRunner.RunAsync(["workflows", "run", spec, "--json", "--db", db])).Out)!;

        var replay = await CliRunner.RunAsync(["runs", "replay", original["run_id"]!.GetValue<string>(), "--mode", "recorded", "--json", "--db", db]);
        var byName = await CliRunner.RunAsync(["workflows", "run", "two_step", "--json", "--db", db]);

        Assert.Equal(0, replay.ExitCode);
        var body = JsonNode.Parse(replay.Out)!;
        Assert.Equal(original["run_id"]!.GetValue<string>(), body["parent_run_id"]!.GetValue<string>());
        Assert.Equal(original["spec_version_id"]!.GetValue<string>(), body["spec_version_id"]!.GetValue<string>());
        Assert.Equal(original["outputs"]!.ToJsonString(), body["outputs"]!.ToJsonString());
        Assert.Equal(0, byName.ExitCode);
        Assert.Equal(original["spec_version_id"]!.GetValue<string>(), JsonNode.Parse(byName.Out)!["spec_version_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task WorkflowsRun_BadInputsJson_ExitsWithUsageError()
    {
        var run = await CliRunner.RunAsync(["workflows", "run", "x.yaml", "--inputs", "[1]"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--inputs must be a JSON object", run.Error, StringComparison.Ordinal);
    }
}
