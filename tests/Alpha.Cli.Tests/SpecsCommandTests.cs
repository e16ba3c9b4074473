using System.Text.Json;

namespace Alpha.Cli.Tests;

public sealed class SpecsCommandTests : IDisposable
{
    private const string AgentYaml = "kind: agent\nname: researcher\nmodel: openai/gpt-4o-mini\nagent_kind: llm\ntools: [web_search]\n";
    private const string AgentJson = """{"tools": ["web_search"], "agent_kind": "llm", "model": "openai/gpt-4o-mini", "name": "researcher", "kind": "agent"}""";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Db => Path.Combine(_files.Root, "ledger.db");

    private Task<CliRunner.Run> RunAsync(params string[] args) => CliRunner.RunAsync([.. args, "--db", Db]);

    [Fact]
    public async Task Snapshot_SameContentTwiceAndAsJson_OneVersion()
    {
        var first = await RunAsync("specs", "snapshot", _files.Write("a.yaml", AgentYaml), "--json");
        var again = await RunAsync("specs", "snapshot", _files.Write("a.json", AgentJson), "--json");

        Assert.Equal((0, 0), (first.ExitCode, again.ExitCode));
        using var a = JsonDocument.Parse(first.Out);
        using var b = JsonDocument.Parse(again.Out);
        Assert.True(a.RootElement.GetProperty("created").GetBoolean());
        Assert.False(b.RootElement.GetProperty("created").GetBoolean());
        Assert.Equal(a.RootElement.GetProperty("version_id").GetString(), b.RootElement.GetProperty("version_id").GetString());
        Assert.Equal("agent", a.RootElement.GetProperty("kind").GetString());
        Assert.Equal(64, a.RootElement.GetProperty("spec_hash").GetString()!.Length);
    }

    [Fact]
    public async Task Snapshot_ChangedContent_NextVersionInText()
    {
        await RunAsync("specs", "snapshot", _files.Write("a.yaml", AgentYaml));

        var changed = await RunAsync("specs", "snapshot", _files.Write("b.yaml", AgentYaml.Replace("gpt-4o-mini", "gpt-4o", StringComparison.Ordinal)));

        Assert.Equal(0, changed.ExitCode);
        Assert.StartsWith("agent researcher: version 2 (new)", changed.Out, StringComparison.Ordinal);
        Assert.Contains("spec_hash", changed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_InvalidSpec_ExitsTwoWithFileLineField()
    {
        var path = _files.Write("bad.yaml", "kind: agent\nname: researcher\nmodel: openai/gpt-4o-mini\nagent_kind: wizard\n");

        var run = await RunAsync("specs", "snapshot", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{path}:4: agent_kind: 'wizard' is not allowed", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task List_AndShow_LatestAndPinnedVersions()
    {
        await RunAsync("specs", "snapshot", _files.Write("a.yaml", AgentYaml));
        await RunAsync("specs", "snapshot", _files.Write("b.yaml", AgentYaml + "timeout_seconds: 10\n"));

        var list = await RunAsync("specs", "list", "--json");
        var latest = await RunAsync("specs", "show", "researcher", "--json");
        var first = await RunAsync("specs", "show", "researcher", "--version", "1");
        var missing = await RunAsync("specs", "show", "researcher", "--version", "3");

        using var listed = JsonDocument.Parse(list.Out);
        var entry = Assert.Single(listed.RootElement.EnumerateArray());
        Assert.Equal((2, "researcher"), (entry.GetProperty("versions").GetInt32(), entry.GetProperty("name").GetString()));
        using var shown = JsonDocument.Parse(latest.Out);
        Assert.Equal(2, shown.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(10, shown.RootElement.GetProperty("content").GetProperty("timeout_seconds").GetInt32());
        Assert.Contains("agent researcher: version 1 of 2", first.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("timeout_seconds", first.Out, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("has versions 1 to 2, not 3", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_NameOfSeveralKinds_AsksForKind()
    {
        await RunAsync("specs", "snapshot", _files.Write("a.yaml", "kind: agent\nname: same\nmodel: deterministic\nagent_kind: log\n"));
        await RunAsync("specs", "snapshot", _files.Write("b.yaml", "kind: analysis\nname: same\nagents: [same]\n"));

        var ambiguous = await RunAsync("specs", "show", "same");
        var chosen = await RunAsync("specs", "show", "same", "--kind", "analysis");

        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("add --kind", ambiguous.Error, StringComparison.Ordinal);
        Assert.Equal(0, chosen.ExitCode);
        Assert.StartsWith("analysis same: version 1 of 1", chosen.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_DbFromEnvironment_IsUsed()
    {
        var envDb = Path.Combine(_files.Root, "env", "alpha.db");

        var run = await CliRunner.RunAsync(["specs", "snapshot", _files.Write("a.yaml", AgentYaml)], env: new Dictionary<string, string> { ["ALPHA_DB"] = envDb });

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(envDb));
    }

    [Fact]
    public async Task List_UnreachablePostgres_ExitsOneWithoutThePassword()
    {
        var run = await CliRunner.RunAsync(["specs", "list", "--db", "Host=127.0.0.1;Port=1;Username=u;Password=hunter2;Database=d;Timeout=2"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot open the ledger at", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Error, StringComparison.Ordinal);
    }
}
