using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Testing.Databases;
using Alpha.Testing.Loopback;

namespace Alpha.Cli.Tests;

/// <summary>
/// Three real <c>alpha serve --cluster</c> processes on loopback ports sharing one PostgreSQL (ALPHA_TEST_PG); one is
/// SIGKILLed while its runs wait on their model; the others take its runs over and finish them.
/// </summary>
public sealed class ClusterProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LoopbackOpenAIServer _model = null!;
    private PostgresSchema _schema = null!;

    public async Task InitializeAsync()
    {
        _model = await LoopbackOpenAIServer.StartAsync();
        // Every model call waits until the test opens the gate: runs stop mid-way, their first (deterministic) step recorded.
        _model.WhenEmpty = LoopbackReply.After(_gate.Task, LoopbackReply.Text("drafted"));
        _schema = await TestPostgres.CreateSchemaAsync();
    }

    public async Task DisposeAsync()
    {
        _gate.TrySetResult();
        await _model.DisposeAsync();
        await _schema.DisposeAsync();
    }

    [Fact]
    public async Task ServeCluster_NodeSigkilledMidRun_OthersResumeItsRunsAndLedgerStaysWhole()
    {
        var token = JsonNode.Parse((await CliRunner.RunAsync(["auth", "token", "--json", "--db", _schema.ConnectionString])).Out)!["token"]!.GetValue<string>();
        var env = new Dictionary<string, string>
        {
            ["ALPHA_LLM_BASE_URL"] = _model.BaseUrl.ToString(),
            ["ALPHA_CLUSTER_ID"] = "c" + Guid.NewGuid().ToString("N")[..8],
        };
        var nodes = Enumerable.Range(0, 3).Select(_ => (Url: $"http://127.0.0.1:{FreePort()}", Silo: FreePort(), Gateway: FreePort())).ToArray();
        var processes = nodes.Select(n => AlphaProcess.Start(
            ["serve", "--cluster", _schema.ConnectionString, "--urls", n.Url, "--silo-port", $"{n.Silo}", "--gateway-port", $"{n.Gateway}"], env)).ToList();
        try
        {
            var clients = nodes.Select(n => Client(n.Url, token)).ToArray();
            await WaitUntilAsync(async () => await ActiveNodesAsync(clients[0]) == 3, "three active nodes");
            Assert.Equal(HttpStatusCode.Created, (await clients[0].PostAsync("/agents/specs", Yaml("kind: agent\nname: reader\nmodel: deterministic\nagent_kind: llm\n"))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await clients[0].PostAsync("/agents/specs", Yaml("kind: agent\nname: drafter\nmodel: openai/gpt-4o-mini\nagent_kind: llm\n"))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await clients[0].PostAsync("/workflows/specs", Yaml("kind: workflow\nname: draft\nnodes:\n  - id: read\n    adapter: execution\n    agent: reader\n  - id: write\n    adapter: execution\n    agent: drafter\nedges:\n  - from: read\n    to: write\n"))).StatusCode);

            // Dispatched from every node; Orleans places each run on the less loaded of two nodes.
            var keys = new List<string>();
            for (var i = 0; i < 9; i++)
            {
                var answer = await clients[i % 3].PostAsync("/cluster/workflows/draft/run", new StringContent("{}", Encoding.UTF8, "application/json"));
                Assert.True(answer.StatusCode == HttpStatusCode.Accepted, $"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
                keys.Add(JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["key"]!.GetValue<string>());
            }

            await _model.WaitForRequestAsync(keys.Count).WaitAsync(Patience);
            var placed = await Task.WhenAll(keys.Select(k => RunAsync(clients[0], k)));
            var victimSilo = placed.GroupBy(p => p["silo"]!.GetValue<string>()).OrderByDescending(g => g.Count()).First().Key;
            var victim = Array.FindIndex(nodes, n => victimSilo.StartsWith($"127.0.0.1:{n.Silo}@", StringComparison.Ordinal));
            Assert.True(victim >= 0, $"no node listens on silo {victimSilo}");
            var survivor = clients[(victim + 1) % 3];
            var lost = placed.Where(p => p["silo"]!.GetValue<string>() == victimSilo).Select(p => p["key"]!.GetValue<string>()).ToArray();

            await processes[victim].KillAsync();
            await WaitUntilAsync(async () => (await TryRunsAsync(survivor, lost))?.All(r => r["attempt"]!.GetValue<int>() == 2 && r["run_id"] is not null) == true, "the lost runs are taken over");
            _gate.TrySetResult();
            await WaitUntilAsync(async () => (await TryRunsAsync(survivor, keys))?.All(r => r["status"]!.GetValue<string>() is not ("running" or "starting")) == true, "every run ends");

            var ended = await Task.WhenAll(keys.Select(k => RunAsync(survivor, k)));
            Assert.All(ended, r => Assert.Equal("completed", r["status"]!.GetValue<string>()));
            await using var ledger = await PostgresLedgerStore.OpenAsync(_schema.ConnectionString);
            foreach (var run in ended.Where(r => lost.Contains(r["key"]!.GetValue<string>())))
            {
                Assert.NotEqual(victimSilo, run["silo"]!.GetValue<string>());
                var interrupted = (await ledger.GetRunAsync(run["interrupted_run_ids"]![0]!.GetValue<string>()))!;
                Assert.Equal(RunStatus.Failed, interrupted.Run.Status);
                Assert.StartsWith($"interrupted: node {victimSilo} was lost", interrupted.Run.Error, StringComparison.Ordinal);
                Assert.Equal("read", Assert.Single(interrupted.AgentRuns).Node);
                var resumed = (await ledger.GetRunAsync(run["run_id"]!.GetValue<string>()))!;
                Assert.Equal(interrupted.Run.RunId, resumed.Run.ParentRunId);
                Assert.Equal(["read", "write"], resumed.AgentRuns.Select(a => a.Node).Order(StringComparer.Ordinal));
            }

            // Every ledger row whole: no run left open, each run's last frame its end, every agent run of a finished run.
            var all = await ledger.SearchRunsAsync(new RunQuery(Limit: 100));
            Assert.Equal(keys.Count + lost.Length, all.Count);
            foreach (var run in all)
            {
                Assert.True(LedgerNames.IsFinal(run.Status), $"run {run.RunId} is still {run.Status}");
                var detail = (await ledger.GetRunAsync(run.RunId))!;
                Assert.Equal($"workflow.{LedgerNames.ToName(run.Status)}", detail.Frames[^1].Stage);
            }
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Dispose();
            }
        }
    }

    private static HttpClient Client(string url, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<int> ActiveNodesAsync(HttpClient client)
    {
        try
        {
            var answer = await client.GetAsync("/cluster");
            return answer.IsSuccessStatusCode ? JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["active_nodes"]!.GetValue<int>() : 0;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    private static async Task<JsonNode> RunAsync(HttpClient client, string key) =>
        JsonNode.Parse(await client.GetStringAsync($"/cluster/runs/{key}"))!;

    private static async Task<JsonNode[]?> TryRunsAsync(HttpClient client, IEnumerable<string> keys)
    {
        try
        {
            return await Task.WhenAll(keys.Select(k => RunAsync(client, k)));
        }
        catch (HttpRequestException)
        {
            return null; // a grain of the lost node is unreachable until the node is declared dead
        }
    }

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        // Other processes' progress has no event to await here: poll it, with a generous deadline (a loaded 2-core machine).
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
