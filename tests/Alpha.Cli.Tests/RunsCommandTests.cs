namespace Alpha.Cli.Tests;

public sealed class RunsCommandTests : IDisposable
{
    private const string Seed = """{"deployment_id": "deploy-9", "logs": ["ERROR: connection pool exhausted"], "metrics": {"error_rate": 0.2}}""";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Db => Path.Combine(_files.Root, "alpha.db");

    [Fact]
    public async Task ListAndShow_Text_ShowRunAgentsAndFrames()
    {
        var analyze = await CliRunner.RunAsync(["analyze", _files.Write("seed.json", Seed), "--db", Db]);
        Assert.Equal(0, analyze.ExitCode);
        var runId = analyze.Error.Split(' ').First(w => w.StartsWith("run_", StringComparison.Ordinal)).Trim();

        var list = await CliRunner.RunAsync(["runs", "list", "--db", Db]);
        var show = await CliRunner.RunAsync(["runs", "show", runId, "--frames", "--db", Db]);

        Assert.Equal((0, 0), (list.ExitCode, show.ExitCode));
        Assert.Contains("completed", list.Out, StringComparison.Ordinal);
        Assert.Contains("incident_analysis@1", list.Out, StringComparison.Ordinal);
        Assert.Contains(runId, show.Out, StringComparison.Ordinal);
        Assert.Contains("Agent runs", show.Out, StringComparison.Ordinal);
        foreach (var agent in new[] { "logs", "metrics", "commits", "config" })
        {
            Assert.Contains($" {agent} ", show.Out, StringComparison.Ordinal);
        }

        Assert.Contains("execution.started", show.Out, StringComparison.Ordinal);
        Assert.Contains("synthesis.completed", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAndShowJson_BigInputs_NeverPrintedWhole_PagedOnRequest()
    {
        var lines = string.Join(", ", Enumerable.Range(0, 2000).Select(i => $"\"INFO: request {i} served\""));
        var incident = _files.Write("big.json", $$"""{"deployment_id": "deploy-9", "logs": ["ERROR: connection pool exhausted", {{lines}}]}""");
        var analyze = await CliRunner.RunAsync(["analyze", incident, "--db", Db]);
        Assert.Equal(0, analyze.ExitCode);
        var runId = analyze.Error.Split(' ').First(w => w.StartsWith("run_", StringComparison.Ordinal)).Trim();

        var list = await CliRunner.RunAsync(["runs", "list", "--json", "--db", Db]);
        var show = await CliRunner.RunAsync(["runs", "show", runId, "--json", "--max-field-chars", "1000", "--db", Db]);
        var first = await CliRunner.RunAsync(["runs", "show", runId, "--field", "inputs", "--limit", "1000", "--db", Db]);

        Assert.Equal((0, 0, 0), (list.ExitCode, show.ExitCode, first.ExitCode));
        using var listed = System.Text.Json.JsonDocument.Parse(list.Out);
        var listedRun = listed.RootElement[0];
        Assert.False(listedRun.TryGetProperty("inputs", out _));
        var chars = listedRun.GetProperty("inputs_chars").GetInt64();
        Assert.True(chars > 2000 * 20, $"inputs_chars {chars}");
        using var shown = System.Text.Json.JsonDocument.Parse(show.Out);
        var run = shown.RootElement.GetProperty("run");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, run.GetProperty("inputs").ValueKind);
        Assert.Contains("--field inputs", run.GetProperty("inputs_note").GetString(), StringComparison.Ordinal);
        Assert.Equal(1000, first.Out.Length);
        Assert.Contains($"characters 0-1000 of {chars}; next page: alpha runs show {runId} --field inputs --offset 1000", first.Error, StringComparison.Ordinal);

        var whole = await CliRunner.RunAsync(["runs", "show", runId, "--field", "inputs", "--offset", "0", "--limit", chars.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", Db]);
        using var inputs = System.Text.Json.JsonDocument.Parse(whole.Out);
        Assert.Equal(2001, inputs.RootElement.GetProperty("incident").GetProperty("logs").GetArrayLength());
        Assert.Contains("(the end)", whole.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownRun_ExitsTwo()
    {
        var run = await CliRunner.RunAsync(["runs", "show", "run_nope", "--db", Db]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no run 'run_nope'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_EmptyLedger_SaysHowToRecordOne()
    {
        var run = await CliRunner.RunAsync(["runs", "list", "--db", Db]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No runs", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recover_BadDuration_ExitsTwo()
    {
        var run = await CliRunner.RunAsync(["runs", "recover", "--inactive-for", "soon", "--db", Db]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a duration", run.Error, StringComparison.Ordinal);
    }
}
