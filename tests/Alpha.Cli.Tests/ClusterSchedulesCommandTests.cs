using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Testing.Databases;

namespace Alpha.Cli.Tests;

/// <summary><c>alpha cluster schedules list|add|remove</c>: bad input refused with exit 2 before any connection; against one real node, the schedule's whole life.</summary>
public sealed class ClusterSchedulesCommandTests
{
    private const string ScheduleSpec = "kind: workflow\nname: ticks\nnodes:\n  - id: hourly\n    adapter: schedule\n    options:\n      cron: \"0 * * * *\"\n      workflow: tick\n";

    [Fact]
    public async Task Schedules_NoCluster_ExitsTwoNamingTheOption()
    {
        var run = await CliRunner.RunAsync(["cluster", "schedules", "list"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no cluster: give --cluster", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedules_SqliteCluster_ExitsTwo()
    {
        using var files = new TempFiles();

        var run = await CliRunner.RunAsync(["cluster", "schedules", "list", "--cluster", Path.Combine(files.Root, "alpha.db")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("a cluster needs PostgreSQL", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_NotAScheduleKey_ExitsTwoBeforeConnecting()
    {
        var run = await CliRunner.RunAsync(["cluster", "schedules", "remove", "nightly", "--cluster", "Host=127.0.0.1;Port=1;Database=none"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'nightly' is not a schedule key: give SPEC/NODE", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_WorkflowNotInTheLedger_ExitsTwoBeforeConnecting()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();
        using var files = new TempFiles();
        var spec = files.Write("ticks.yaml", ScheduleSpec);

        // No node is up: the input is refused first.
        var run = await CliRunner.RunAsync(["cluster", "schedules", "add", spec, "--cluster", schema.ConnectionString], env: Env());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no workflow named 'tick' in the ledger", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_NeitherFileNorSpecName_ExitsTwo()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();

        var run = await CliRunner.RunAsync(["cluster", "schedules", "add", "no-such-spec", "--cluster", schema.ConnectionString], env: Env());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is neither a spec file nor a schedule spec in the ledger", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedules_OneNode_AddListRemove()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();
        await using (var ledger = await PostgresLedgerStore.OpenAsync(schema.ConnectionString))
        {
            await ledger.SnapshotAsync(new AgentSpec("echo", null, AgentSpec.DeterministicModel, "llm"));
            await ledger.SnapshotAsync(new WorkflowSpec("tick", null, new Dictionary<string, WorkflowInput>(), [new WorkflowNode("only", "execution", [new SpecReference("echo")])], [], null));
        }

        using var files = new TempFiles();
        var spec = files.Write("ticks.yaml", ScheduleSpec);
        var env = Env();
        using var node = AlphaProcess.Start(["serve", "--cluster", schema.ConnectionString, "--urls", $"http://127.0.0.1:{FreePort()}", "--silo-port", $"{FreePort()}", "--gateway-port", $"{FreePort()}"], env);
        string[] cluster = ["--cluster", schema.ConnectionString];
        await WaitUntilAsync(async () => await CliRunner.RunAsync(["cluster", "status", "--json", .. cluster], env: env) is { ExitCode: 0 } status && JsonNode.Parse(status.Out)!["active_nodes"]!.GetValue<int>() == 1, "the node is active");

        var added = await CliRunner.RunAsync(["cluster", "schedules", "add", spec, .. cluster], env: env);
        Assert.True(added.ExitCode == 0, added.Error);
        Assert.StartsWith("ticks/hourly  0 * * * * -> tick  next ", added.Out, StringComparison.Ordinal);

        var listed = await CliRunner.RunAsync(["cluster", "schedules", "list", "--json", .. cluster], env: env);
        Assert.True(listed.ExitCode == 0, listed.Error);
        var schedule = Assert.Single(JsonNode.Parse(listed.Out)!["schedules"]!.AsArray())!;
        Assert.Equal(("ticks/hourly", true, "0 * * * *", "tick"), (schedule["key"]!.GetValue<string>(), schedule["active"]!.GetValue<bool>(), schedule["expression"]!.GetValue<string>(), schedule["workflow"]!.GetValue<string>()));
        var next = schedule["next"]!.GetValue<DateTimeOffset>();
        Assert.Equal((0, 0), (next.Minute, next.Second));

        // Again by the spec's name in the ledger (the add locked it): the same schedule, updated, not a second one.
        Assert.Equal(0, (await CliRunner.RunAsync(["cluster", "schedules", "add", "ticks", .. cluster], env: env)).ExitCode);
        Assert.Single(JsonNode.Parse((await CliRunner.RunAsync(["cluster", "schedules", "list", "--json", .. cluster], env: env)).Out)!["schedules"]!.AsArray());

        var removed = await CliRunner.RunAsync(["cluster", "schedules", "remove", "ticks/hourly", .. cluster], env: env);
        Assert.True(removed.ExitCode == 0, removed.Error);
        Assert.Equal("removed ticks/hourly (0 * * * * -> tick)", removed.Out.Trim());
        Assert.Equal("no cluster schedules (add one: alpha cluster schedules add SPEC)", (await CliRunner.RunAsync(["cluster", "schedules", "list", .. cluster], env: env)).Out.Trim());

        var again = await CliRunner.RunAsync(["cluster", "schedules", "remove", "ticks/hourly", .. cluster], env: env);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("no cluster schedule 'ticks/hourly'", again.Error, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Env() => new() { ["ALPHA_CLUSTER_ID"] = "c" + Guid.NewGuid().ToString("N")[..8] };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        // Another process's start has no event to await here: poll it, with a generous deadline (a loaded 2-core machine).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
