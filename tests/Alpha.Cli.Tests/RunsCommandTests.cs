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
