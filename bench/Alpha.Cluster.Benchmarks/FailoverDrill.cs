using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace Alpha.Cluster.Benchmarks;

/// <summary>
/// Failure detection and takeover with real processes, timed with a Stopwatch (each round destroys a node: a one-shot
/// event, not an operation BenchmarkDotNet can repeat). A round starts 3 <c>alpha serve --cluster</c> processes (the
/// built CLI) on loopback ports, dispatches 9 runs whose model never answers, SIGKILLs the node driving most of them
/// and times, from the kill, (1) until the membership table in PostgreSQL says the node is Dead (the other nodes voted
/// it dead) and (2) until every one of its runs has been started again on a live node (its grain at attempt 2 with a
/// new ledger run, read through a survivor's <c>GET /cluster/runs/{key}</c>). Both are sampled every 5 ms, each in its
/// own loop; the round also reports the first suspicion vote in the table and "declared dead" as the drill's first
/// version sampled it (between two takeover reads, which wait on the dead node's calls).
/// </summary>
internal sealed class FailoverDrill : IAsyncDisposable
{
    private const int Dead = 6; // Orleans' SiloStatus.Dead as the membership table stores it
    private readonly List<Process> _processes = [];
    private readonly List<TcpClient> _held = [];
    private TcpListener? _model;
    private BenchDatabase? _database;

    public static async Task<FailoverRound> RoundAsync(string alphaDll)
    {
        await using var drill = new FailoverDrill();
        return await drill.RunAsync(alphaDll);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes.Where(p => !p.HasExited))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _model?.Stop();
        foreach (var client in _held)
        {
            client.Dispose();
        }

        if (_database is not null)
        {
            await _database.DropAsync();
        }
    }

    private async Task<FailoverRound> RunAsync(string alphaDll)
    {
        _database = await BenchDatabase.CreateAsync();
        var connection = _database.Connection;

        // A model endpoint that accepts every connection and never answers: runs wait in their model call.
        _model = new TcpListener(IPAddress.Loopback, 0);
        _model.Start();
        _ = AcceptForeverAsync(_model);
        var clusterId = "drill" + _database.Schema[^6..];
        var env = new Dictionary<string, string> { ["ALPHA_LLM_BASE_URL"] = $"http://127.0.0.1:{((IPEndPoint)_model.LocalEndpoint).Port}/v1", ["ALPHA_CLUSTER_ID"] = clusterId };

        var token = JsonNode.Parse(await RunToEndAsync(alphaDll, ["auth", "token", "--json", "--db", connection], env))!["token"]!.GetValue<string>();
        var nodes = Enumerable.Range(0, 3).Select(_ => (Url: $"http://127.0.0.1:{FreePort()}", Silo: FreePort(), Gateway: FreePort())).ToArray();
        foreach (var node in nodes)
        {
            _processes.Add(Start(alphaDll, ["serve", "--cluster", connection, "--urls", node.Url, "--silo-port", $"{node.Silo}", "--gateway-port", $"{node.Gateway}"], env));
        }

        var clients = nodes.Select(n => new HttpClient { BaseAddress = new Uri(n.Url), Timeout = TimeSpan.FromSeconds(30), DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) } }).ToArray();
        await UntilAsync(async () => await ActiveNodesAsync(clients[0]) == 3, TimeSpan.FromSeconds(90), "three active nodes");
        await PostAsync(clients[0], "/agents/specs", "kind: agent\nname: drafter\nmodel: openai/gpt-4o-mini\nagent_kind: llm\n", "application/yaml");
        await PostAsync(clients[0], "/workflows/specs", "kind: workflow\nname: held\nnodes:\n  - id: write\n    adapter: execution\n    agent: drafter\n", "application/yaml");
        var keys = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            keys.Add(JsonNode.Parse(await PostAsync(clients[i % 3], "/cluster/workflows/held/run", "{}", "application/json"))!["key"]!.GetValue<string>());
        }

        await UntilAsync(() => Task.FromResult(HeldCount >= keys.Count), TimeSpan.FromSeconds(60), "every run waits on its model");
        var placed = await Task.WhenAll(keys.Select(async k => JsonNode.Parse(await clients[0].GetStringAsync($"/cluster/runs/{k}"))!));
        var victim = Enumerable.Range(1, 2).OrderByDescending(i => placed.Count(p => SiloPort(p) == nodes[i].Silo)).First();
        var lost = placed.Where(p => SiloPort(p) == nodes[victim].Silo).Select(p => p["key"]!.GetValue<string>()).ToArray();
        var survivor = clients[0];

        await using var db = new NpgsqlConnection(_database!.Server);
        await db.OpenAsync();
        await using var status = new NpgsqlCommand($"SELECT max(status), bool_or(suspecttimes IS NOT NULL AND suspecttimes <> '') FROM {_database!.Schema}_orleans.orleansmembershiptable WHERE deploymentid = @c AND port = @p", db);
        status.Parameters.AddWithValue("c", clusterId);
        status.Parameters.AddWithValue("p", nodes[victim].Silo);

        var watch = Stopwatch.StartNew();
        _processes[victim].Kill(entireProcessTree: true);

        // The membership table on its own connection and loop: sampled every 5 ms whatever the takeover reads cost.
        var membership = Task.Run(async () =>
        {
            double? suspected = null;
            while (watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                await using var reader = await status.ExecuteReaderAsync();
                await reader.ReadAsync();
                var row = (Status: reader.IsDBNull(0) ? 0 : reader.GetInt32(0), Suspected: !reader.IsDBNull(1) && reader.GetBoolean(1));
                if (suspected is null && (row.Suspected || row.Status == Dead))
                {
                    suspected = watch.Elapsed.TotalMilliseconds;
                }

                if (row.Status == Dead)
                {
                    return (Suspected: suspected!.Value, Dead: watch.Elapsed.TotalMilliseconds);
                }

                await Task.Delay(5);
            }

            return (Suspected: suspected ?? double.NaN, Dead: double.NaN);
        });

        // The takeover, read through a survivor: while the lost node is not yet declared dead, a read of its runs waits
        // for the call to it to fail (this is what the drill's first version also sampled the table between, so a slow
        // read delayed the "declared dead" sample: the artefact the separate loop above removes).
        double? takenOver = null;
        double? deadSampledBetweenReads = null;
        await using var between = new NpgsqlConnection(_database!.Server);
        await between.OpenAsync();
        await using var statusBetween = new NpgsqlCommand($"SELECT max(status) FROM {_database!.Schema}_orleans.orleansmembershiptable WHERE deploymentid = @c AND port = @p", between);
        statusBetween.Parameters.AddWithValue("c", clusterId);
        statusBetween.Parameters.AddWithValue("p", nodes[victim].Silo);
        var slowestRead = TimeSpan.Zero;
        while (takenOver is null && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (deadSampledBetweenReads is null && await statusBetween.ExecuteScalarAsync() is int s && s == Dead)
            {
                deadSampledBetweenReads = watch.Elapsed.TotalMilliseconds;
            }

            var before = watch.Elapsed;
            if (await TryRunsAsync(survivor, lost) is { } runs && runs.All(r => r["attempt"]!.GetValue<int>() == 2 && r["run_id"] is not null))
            {
                takenOver = watch.Elapsed.TotalMilliseconds;
            }

            slowestRead = watch.Elapsed - before > slowestRead ? watch.Elapsed - before : slowestRead;
            await Task.Delay(5);
        }

        var (suspectedMs, deadMs) = await membership;
        return new FailoverRound(lost.Length, suspectedMs, deadMs, deadSampledBetweenReads ?? double.NaN, takenOver ?? double.NaN, slowestRead.TotalMilliseconds);
    }

    private int HeldCount
    {
        get
        {
            lock (_held)
            {
                return _held.Count;
            }
        }
    }

    private async Task AcceptForeverAsync(TcpListener listener)
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync();
                lock (_held)
                {
                    _held.Add(client);
                }
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private static int SiloPort(JsonNode run) =>
        int.Parse(run["silo"]!.GetValue<string>().Split(':')[1].Split('@')[0], CultureInfo.InvariantCulture);

    private static async Task<JsonNode[]?> TryRunsAsync(HttpClient client, IEnumerable<string> keys)
    {
        try
        {
            return await Task.WhenAll(keys.Select(async k => JsonNode.Parse(await client.GetStringAsync($"/cluster/runs/{k}"))!));
        }
        catch (HttpRequestException)
        {
            return null; // a grain of the lost node is unreachable until the node is declared dead
        }
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

    private static async Task<string> PostAsync(HttpClient client, string path, string body, string type)
    {
        using var answer = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, type));
        var text = await answer.Content.ReadAsStringAsync();
        return answer.IsSuccessStatusCode ? text : throw new InvalidOperationException($"POST {path}: {answer.StatusCode} {text}");
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan patience, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > patience)
            {
                throw new TimeoutException($"timed out waiting for: {what}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary><c>dotnet ALPHA_DLL args...</c> with <paramref name="env"/> added, its output redirected.</summary>
    private static ProcessStartInfo StartInfo(string alphaDll, IEnumerable<string> args, Dictionary<string, string> env)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(alphaDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in env)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    private static Process Start(string alphaDll, IEnumerable<string> args, Dictionary<string, string> env)
    {
        var process = Process.Start(StartInfo(alphaDll, args, env)) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> RunToEndAsync(string alphaDll, IEnumerable<string> args, Dictionary<string, string> env)
    {
        using var process = Process.Start(StartInfo(alphaDll, args, env)) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"alpha {string.Join(' ', args)} exited {process.ExitCode}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
