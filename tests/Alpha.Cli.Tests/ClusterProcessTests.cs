using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Testing.Databases;
using Alpha.Testing.Loopback;

namespace Alpha.Cli.Tests;

/// <summary>
/// Three real <c>alpha serve --cluster</c> processes on loopback ports sharing one PostgreSQL (ALPHA_TEST_PG); one is
/// SIGKILLed while its runs wait on their model and a schedule fires every 2 seconds; the others take its runs over
/// and finish them, and every scheduled fire runs exactly once.
/// </summary>
public sealed class ClusterProcessTests : IAsyncLifetime
{
    private const string Schedule = "ticks/every2s";
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

            // A schedule every 2 seconds of a deterministic workflow, registered from two nodes (one grain, one reminder);
            // run_all: a fire due while its node is being lost runs late rather than never.
            Assert.Equal(HttpStatusCode.Created, (await clients[0].PostAsync("/workflows/specs", Yaml("kind: workflow\nname: tick\nnodes:\n  - id: only\n    adapter: execution\n    agent: reader\n"))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await clients[0].PostAsync("/workflows/specs", Yaml("kind: workflow\nname: ticks\nnodes:\n  - id: every2s\n    adapter: schedule\n    options:\n      cron: \"*/2 * * * * *\"\n      workflow: tick\n      missed: run_all\n      grace_seconds: 1\n"))).StatusCode);
            foreach (var client in clients.Take(2))
            {
                var registered = await client.PostAsync("/cluster/schedules/ticks", new StringContent("{}", Encoding.UTF8, "application/json"));
                Assert.True(registered.IsSuccessStatusCode, $"{registered.StatusCode}: {await registered.Content.ReadAsStringAsync()}");
            }

            // The victim is the node holding the schedule's grain: its fires must go on elsewhere, each once.
            await using var ledger = await PostgresLedgerStore.OpenAsync(_schema.ConnectionString);
            await WaitUntilAsync(async () => (await ledger.ListScheduleFiresAsync(Schedule, 1000)).Count(f => f.Status == ScheduleFireStatus.Completed) >= 2, "two scheduled fires complete");
            var victimSilo = JsonNode.Parse(await clients[0].GetStringAsync("/cluster/schedules"))!["schedules"]![0]!["silo"]!.GetValue<string>();
            var victim = Array.FindIndex(nodes, n => victimSilo.StartsWith($"127.0.0.1:{n.Silo}@", StringComparison.Ordinal));
            Assert.True(victim >= 0, $"no node listens on silo {victimSilo}");
            var survivor = clients[(victim + 1) % 3];

            // Dispatched from every node; Orleans places each run on the less loaded of two nodes, so runs are dispatched
            // three at a time (nine at least) until one of them runs on the victim.
            var keys = new List<string>();
            JsonNode[] placed = [];
            while (keys.Count < 9 || (!placed.Any(p => p["silo"]!.GetValue<string>() == victimSilo) && keys.Count < 30))
            {
                foreach (var client in clients)
                {
                    var answer = await client.PostAsync("/cluster/workflows/draft/run", new StringContent("{}", Encoding.UTF8, "application/json"));
                    Assert.True(answer.StatusCode == HttpStatusCode.Accepted, $"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
                    keys.Add(JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["key"]!.GetValue<string>());
                }

                await _model.WaitForRequestAsync(keys.Count).WaitAsync(Patience);
                placed = await Task.WhenAll(keys.Select(k => RunAsync(clients[0], k)));
            }

            var lost = placed.Where(p => p["silo"]!.GetValue<string>() == victimSilo).Select(p => p["key"]!.GetValue<string>()).ToArray();
            Assert.True(lost.Length > 0, $"none of {keys.Count} runs was placed on the schedule's node {victimSilo}");

            await processes[victim].KillAsync();
            var killedAt = DateTimeOffset.UtcNow;
            await WaitUntilAsync(async () => (await TryRunsAsync(survivor, lost))?.All(r => r["attempt"]!.GetValue<int>() == 2 && r["run_id"] is not null) == true, "the lost runs are taken over");
            _gate.TrySetResult();
            await WaitUntilAsync(async () => (await TryRunsAsync(survivor, keys))?.All(r => r["status"]!.GetValue<string>() is not ("running" or "starting")) == true, "every run ends");

            var ended = await Task.WhenAll(keys.Select(k => RunAsync(survivor, k)));
            Assert.All(ended, r => Assert.Equal("completed", r["status"]!.GetValue<string>()));

            // Scheduled fires go on after the kill; then the schedule is stopped and its last fires end.
            await WaitUntilAsync(async () => (await ledger.ListScheduleFiresAsync(Schedule, 1000)).Count(f => f.Status == ScheduleFireStatus.Completed && f.ScheduledAt > killedAt) >= 3, "three scheduled fires complete after the kill");
            Assert.Equal(HttpStatusCode.OK, (await survivor.DeleteAsync($"/cluster/schedules/{Schedule}")).StatusCode);
            await WaitUntilAsync(async () => (await ledger.ListScheduleFiresAsync(Schedule, 1000)).All(f => f.Status is not (ScheduleFireStatus.Claimed or ScheduleFireStatus.Running)), "every scheduled fire ends");
            var fires = (await ledger.ListScheduleFiresAsync(Schedule, 1000)).OrderBy(f => f.ScheduledAt).ToArray();
            Assert.All(fires, f => Assert.Equal(ScheduleFireStatus.Completed, f.Status));
            for (var i = 1; i < fires.Length; i++)
            {
                // Every 2-second occurrence from the first fire to the last, each once: none lost with the killed node.
                Assert.Equal(TimeSpan.FromSeconds(2), fires[i].ScheduledAt - fires[i - 1].ScheduledAt);
            }

            var tick = (await ledger.GetSpecVersionsAsync(SpecKind.Workflow, "tick")).Select(v => v.VersionId).ToHashSet(StringComparer.Ordinal);
            var tickRuns = (await ledger.SearchRunsAsync(new RunQuery(Limit: 1000))).Where(r => tick.Contains(r.SpecVersionId)).ToArray();
            var tickCompleted = tickRuns.Where(r => r.Status == RunStatus.Completed).Select(r => r.RunId).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(fires.Select(f => f.RunId!).Order(StringComparer.Ordinal), tickCompleted);
            Assert.All(tickRuns.Where(r => r.Status != RunStatus.Completed), r => Assert.StartsWith("interrupted: node", r.Error, StringComparison.Ordinal));
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
            var all = await ledger.SearchRunsAsync(new RunQuery(Limit: 1000));
            Assert.Equal(keys.Count + lost.Length + tickRuns.Length, all.Count);
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
