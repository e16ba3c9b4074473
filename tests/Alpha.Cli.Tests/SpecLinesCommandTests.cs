using Alpha.Testing;

namespace Alpha.Cli.Tests;

/// <summary>
/// Errors found on a bound spec (node options checked at dispatch, an analysis naming an agent the host lacks, a
/// schedule's options) name the spec file and the line of the field, in YAML and JSON, as errors found while binding do.
/// </summary>
public sealed class SpecLinesCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    public SpecLinesCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_files.Root, "agents"));
        _files.Write("agents/echo.yaml", "kind: agent\nname: echo\nmodel: deterministic\nagent_kind: llm\n");
        _files.Write("agents/critic.yaml", "kind: agent\nname: critic\nmodel: deterministic\nagent_kind: llm\n");
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task WorkflowsRun_YamlNodeOptionOfTheWrongType_NamesFileAndLine()
    {
        var spec = _files.Write("crew.yaml", """
            kind: workflow
            name: crew_flow
            nodes:
              - id: first
                adapter: execution
                agent: echo
              - id: crew
                adapter: crew
                agents: [echo, critic]
                options:
                  max_rounds: lots
            edges:
              - {from: first, to: crew}
            """);

        var run = await CliRunner.RunAsync(["workflows", "run", spec, "--db", Path.Combine(_files.Root, "ledger.db")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{spec}:11: nodes[crew].options.max_rounds: must be a whole number", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkflowsRun_JsonNodeNamingAnAgentNotGiven_NamesFileAndLine()
    {
        var spec = _files.Write("flow.json", """
            {
              "kind": "workflow",
              "name": "json_flow",
              "nodes": [
                {"id": "first", "adapter": "execution", "agent": "echo"},
                {"id": "second",
                 "adapter": "execution",
                 "agent": "nobody"}
              ]
            }
            """);

        var run = await CliRunner.RunAsync(["workflows", "run", spec, "--db", Path.Combine(_files.Root, "ledger.db")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{spec}:6: nodes[second].agents: agent spec 'nobody' was not given", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_SpecNamingAnUnknownAgent_NamesFileAndLine()
    {
        var spec = _files.Write("analysis.yaml", "kind: analysis\nname: mine\nagents:\n  - logs\n  - oracle\n");

        var run = await CliRunner.RunAsync(["analyze", IncidentPath, "--spec", spec, "--no-ledger"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{spec}:5: agents[1]: 'oracle' is not a known agent here", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_JsonSpecOfAnotherKind_NamesFileAndTheLineOfKind()
    {
        var spec = _files.Write("agent.json", "{\n  \"name\": \"echo2\",\n  \"kind\": \"agent\",\n  \"model\": \"deterministic\",\n  \"agent_kind\": \"llm\"\n}\n");

        var run = await CliRunner.RunAsync(["analyze", IncidentPath, "--spec", spec, "--no-ledger"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{spec}:3: kind: is 'agent'; an analysis needs a spec of kind analysis", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkflowsSchedule_OptionOfTheWrongType_NamesFileAndLine()
    {
        var spec = _files.Write("nightly.yaml", """
            kind: workflow
            name: nightly
            nodes:
              - id: tick
                adapter: schedule
                options:
                  cron: "0 2 * * *"
                  workflow: nowhere.yaml
                  grace_seconds: soon
            """);

        var run = await CliRunner.RunAsync(["workflows", "schedule", spec, "--once", "--db", Path.Combine(_files.Root, "ledger.db")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{spec}:9: nodes[tick].options.grace_seconds:", run.Error, StringComparison.Ordinal);
    }

    private static string IncidentPath => Path.Combine(Path.GetDirectoryName(SpecExamples.Root)!, "incidents", "db-pool-config.yaml");
}
