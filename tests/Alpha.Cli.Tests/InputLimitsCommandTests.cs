using Alpha.Runtime.Security;

namespace Alpha.Cli.Tests;

/// <summary>Hostile documents end in exit 2 with a message naming the limit, never a crash or unbounded memory.</summary>
public sealed class InputLimitsCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string DeepYaml() => "deployment_id: d\nx: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

    private static string AliasBomb(string head) =>
        head + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + string.Concat(Enumerable.Range(1, 9).Select(i => $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n"));

    [Fact]
    public async Task Analyze_HundredThousandDeepYaml_ExitsTwoNamingMaxDepth()
    {
        var run = await CliRunner.RunAsync(["analyze", _files.Write("deep.yaml", DeepYaml()), "--no-ledger"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("max_depth = 64", run.Error, StringComparison.Ordinal);
        Assert.Contains(InputLimits.MaxDepthVariable, run.Error, StringComparison.Ordinal);
        Assert.True(run.Error.Length < 1000, "one line, not a stack trace");
    }

    [Fact]
    public async Task Analyze_DeepJsonArrayNotStartingWithBrace_ExitsTwoNamingMaxDepth()
    {
        var run = await CliRunner.RunAsync(["analyze", _files.Write("deep.json", new string('[', 100_000) + new string(']', 100_000)), "--no-ledger"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("max_depth", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_DeepJsonObject_ExitsTwoNamingMaxDepth()
    {
        var json = "{\"deployment_id\": \"d\", \"x\": " + string.Concat(Enumerable.Repeat("{\"a\": ", 5000)) + "1" + new string('}', 5000) + "}";

        var run = await CliRunner.RunAsync(["analyze", "-", "--no-ledger"], stdin: json);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("stdin:1: $: nesting goes deeper than 64 levels: exceeds the input limit max_depth = 64", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_AliasBomb_ExitsTwoNamingAliasLimit()
    {
        var run = await CliRunner.RunAsync(["analyze", _files.Write("bomb.yaml", AliasBomb("deployment_id: d\n")), "--no-ledger"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("max_alias_expansion", run.Error, StringComparison.Ordinal);
        Assert.Contains(InputLimits.MaxAliasExpansionVariable, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_LargerThanMaxBytes_ExitsTwoBeforeReading()
    {
        var path = _files.Write("big.json", "{\"deployment_id\": \"d\", \"logs\": [" + string.Join(", ", Enumerable.Repeat("\"INFO ok\"", 500)) + "]}");

        var run = await CliRunner.RunAsync(["analyze", path, "--no-ledger"], env: new Dictionary<string, string> { [InputLimits.MaxBytesVariable] = "1000" });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("exceeds the input limit max_bytes = 1000", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_RaisedDepthLimit_AcceptsDeeperDocument()
    {
        var yaml = "deployment_id: d\nconfig_snapshot:\n  x: " + new string('[', 80) + new string(']', 80) + "\n";

        var strict = await CliRunner.RunAsync(["analyze", _files.Write("a.yaml", yaml), "--no-ledger", "--json"]);
        var raised = await CliRunner.RunAsync(["analyze", _files.Write("a.yaml", yaml), "--no-ledger", "--json"], env: new Dictionary<string, string> { [InputLimits.MaxDepthVariable] = "100" });

        Assert.Equal((2, 0), (strict.ExitCode, raised.ExitCode));
    }

    [Fact]
    public async Task Analyze_BadLimitVariable_ExitsTwoNamingIt()
    {
        var run = await CliRunner.RunAsync(["analyze", _files.Write("a.yaml", "deployment_id: d\n"), "--no-ledger"], env: new Dictionary<string, string> { [InputLimits.MaxDepthVariable] = "deep" });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(InputLimits.MaxDepthVariable, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpecsSnapshot_DeepYaml_ExitsTwoNamingMaxDepth()
    {
        var run = await CliRunner.RunAsync(["specs", "snapshot", _files.Write("deep.yaml", "kind: agent\nname: a\nx: " + new string('[', 100_000) + new string(']', 100_000)), "--db", Path.Combine(_files.Root, "l.db")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("max_depth = 64", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpecsSnapshot_DeepJson_ExitsTwoNamingMaxDepth()
    {
        var run = await CliRunner.RunAsync(["specs", "snapshot", _files.Write("deep.json", "{\"kind\": \"agent\", \"x\": " + new string('[', 100_000) + new string(']', 100_000) + "}"), "--db", Path.Combine(_files.Root, "l.db")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("max_depth = 64", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpecsSnapshot_AliasBomb_ExitsTwoNamingAliasLimit()
    {
        var run = await CliRunner.RunAsync(["specs", "snapshot", _files.Write("bomb.yaml", AliasBomb("kind: agent\nname: a\n")), "--db", Path.Combine(_files.Root, "l.db")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("max_alias_expansion", run.Error, StringComparison.Ordinal);
    }
}
