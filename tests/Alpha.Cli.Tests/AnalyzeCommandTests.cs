using System.Text.Json;

namespace Alpha.Cli.Tests;

public sealed class AnalyzeCommandTests : IDisposable
{
    private const string Seed = """
        {
          "deployment_id": "deploy-123",
          "logs": ["ERROR: connection pool exhausted", "INFO: ok", "ERROR: timeout waiting for connection"],
          "metrics": {"cpu_usage": 0.45, "error_rate": 0.15},
          "recent_commits": [{"sha": "a1b2c3", "message": "reduce db pool size"}],
          "config_snapshot": {"db_pool_size": 10}
        }
        """;

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Analyze_Json_PrintsExecutionResult()
    {
        var run = await CliRunner.RunAsync(["analyze", _files.Write("seed.json", Seed), "--json"]);

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.StartsWith("exe_", root.GetProperty("execution_id").GetString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("ranked_hypotheses").GetArrayLength() > 0);
        Assert.Contains(root.GetProperty("requires_human_review").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        Assert.True(root.GetProperty("signals_used").GetArrayLength() >= 3);
        var top = root.GetProperty("ranked_hypotheses")[0];
        Assert.Equal("connection-pool", top.GetProperty("fault_type").GetString());
        foreach (var field in new[] { "label", "description", "confidence", "score", "severity", "supporting_signals", "contributing_agents" })
        {
            Assert.True(top.TryGetProperty(field, out _), $"ranked hypothesis lacks {field}");
        }

        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("synthesis").GetProperty("summary").GetString()));
        var agents = root.GetProperty("agents").EnumerateArray().ToArray();
        Assert.Equal(4, agents.Length);
        Assert.All(agents, a => Assert.Equal("completed", a.GetProperty("outcome").GetString()));
        Assert.All(agents, a => Assert.Equal("deterministic", a.GetProperty("mode").GetString()));
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Analyze_SpecNamingUnknownAgent_ExitsTwoNamingTheField()
    {
        var spec = _files.Write("bad_analysis.yaml", "kind: analysis\nname: bad_analysis\nagents: [logs, tracez]\nsynthesis: synthesis\n");

        var run = await CliRunner.RunAsync(["analyze", _files.Write("seed.json", Seed), "--spec", spec, "--json", "--no-ledger"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains("agents[1]: 'tracez' is not a known agent", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_Spec_ItsAgentsAndTopKRun()
    {
        var spec = _files.Write("two.yaml", "kind: analysis\nname: two\nagents: [config, logs]\ntop_k: 1\n");

        var run = await CliRunner.RunAsync(["analyze", _files.Write("seed.json", Seed), "--spec", spec, "--json", "--no-ledger"]);

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(["config", "logs"], doc.RootElement.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(1, doc.RootElement.GetProperty("ranked_hypotheses").GetArrayLength());
    }

    [Fact]
    public async Task Analyze_Stdin_IsRead()
    {
        var run = await CliRunner.RunAsync(["analyze", "-", "--json"], stdin: Seed);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ranked_hypotheses", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_Top_LimitsRankedHypotheses()
    {
        var run = await CliRunner.RunAsync(["analyze", _files.Write("seed.json", Seed), "--json", "--top", "2"]);

        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(2, doc.RootElement.GetProperty("ranked_hypotheses").GetArrayLength());
    }

    [Fact]
    public async Task Analyze_TopZero_IsAUsageError()
    {
        var run = await CliRunner.RunAsync(["analyze", _files.Write("seed.json", Seed), "--top", "0"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--top must be at least 1", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_EmptyObject_NamesTheMissingFieldNotADotNetType()
    {
        var run = await CliRunner.RunAsync(["analyze", _files.Write("empty.json", "{}")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is missing the required field deployment_id", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Alpha.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("IncidentInput", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_YamlLogItemLooksLikeKeyValue_HintsToQuoteIt()
    {
        var run = await CliRunner.RunAsync(["analyze", _files.Write("logs.yaml", "deployment_id: d\nlogs:\n  - ERROR: boom\n")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("logs[0]", run.Error, StringComparison.Ordinal);
        Assert.Contains("quote it (- \"ERROR: boom\")", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_MissingFile_ExitsTwoWithMessage()
    {
        var run = await CliRunner.RunAsync(["analyze", Path.Combine(_files.Root, "missing.json")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("missing.json", run.Error, StringComparison.Ordinal);
        Assert.Contains("file not found", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_BadField_NamesFileFieldAndRule()
    {
        var path = _files.Write("bad.json", """{"deployment_id": "d", "logs": ["ok", 42]}""");

        var run = await CliRunner.RunAsync(["analyze", path]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.json", run.Error, StringComparison.Ordinal);
        Assert.Contains("logs[1]", run.Error, StringComparison.Ordinal);
        Assert.Contains("log line", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_BadSreField_NamesFieldAndRule()
    {
        var path = _files.Write("bad.yaml", "deployment_id: d\nmetrics:\n  orders.cpu: [1, \"x\"]\n");

        var run = await CliRunner.RunAsync(["analyze", path]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.yaml", run.Error, StringComparison.Ordinal);
        Assert.Contains("metrics.orders.cpu[1]", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_SyntaxError_ReportsLine()
    {
        var path = _files.Write("broken.json", "{\n  \"deployment_id\": \"d\",\n  \"logs\": [\n}");

        var run = await CliRunner.RunAsync(["analyze", path]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("broken.json:4:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_NotInteractive_WritesPlainProgressToStderrAndTableToStdout()
    {
        var run = await CliRunner.RunAsync(["analyze", _files.Write("seed.json", Seed)]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("execution.started", run.Error, StringComparison.Ordinal);
        Assert.Contains("agent.logs.completed", run.Error, StringComparison.Ordinal);
        Assert.Contains("execution.completed", run.Error, StringComparison.Ordinal);
        Assert.Contains("Ranked root-cause hypotheses", run.Out, StringComparison.Ordinal);
        Assert.Contains("Synthesis", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_Interactive_RendersLivePanelsPerAgent()
    {
        var run = await CliRunner.RunAsync(["analyze", _files.Write("seed.json", Seed)], interactive: true);

        Assert.Equal(0, run.ExitCode);
        foreach (var agent in new[] { "logs", "metrics", "commits", "config" })
        {
            Assert.Contains($" {agent} ", run.Out, StringComparison.Ordinal);
        }

        Assert.Contains("hypotheses", run.Out, StringComparison.Ordinal);
        Assert.Contains("completed", run.Out, StringComparison.Ordinal);
    }
}
