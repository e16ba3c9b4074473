using System.Net.Http.Headers;
using System.Text;
using Alpha.Platform.Ledger;
using Alpha.Runtime.Security;
using Alpha.Server;
using Alpha.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Alpha.Benchmarks.Server;

/// <summary>A real <c>alpha serve</c> app on 127.0.0.1 (a free port) over a fresh SQLite file, with a client holding a valid token.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly string _folder;

    private LoopbackServer(string folder, SqliteLedgerStore ledger, WebApplication app, HttpClient client)
    {
        _folder = folder;
        Ledger = ledger;
        App = app;
        Client = client;
    }

    public SqliteLedgerStore Ledger { get; }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    /// <summary>Starts the server with the rate limits out of the way (the benchmark measures the server, not the limiter).</summary>
    public static async Task<LoopbackServer> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("alpha-bench-serve-").FullName;
        var ledger = await SqliteLedgerStore.OpenAsync(Path.Combine(folder, "ledger.db"));
        var (token, _) = await ApiTokens.IssueAsync(ledger, "bench");
        var app = AlphaServer.Build(
            new ServerOptions { Ledger = ledger, Urls = ["http://127.0.0.1:0"], Environment = _ => null, Limits = InputLimits.Default, RateLimitBurst = 1_000_000, RateLimitPerSecond = 1_000_000 },
            builder => builder.Logging.ClearProviders());
        await app.StartAsync();
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new LoopbackServer(folder, ledger, app, client);
    }

    /// <summary>Snapshots a deterministic agent and a one-node workflow over it.</summary>
    public async Task SnapshotOneNodeAsync(string workflow)
    {
        (await Client.PostAsync("/agents/specs", Yaml("kind: agent\nname: echo\nmodel: deterministic\nagent_kind: llm\nsystem_prompt: You repeat the ticket.\n"))).EnsureSuccessStatusCode();
        (await Client.PostAsync("/workflows/specs", Yaml($"kind: workflow\nname: {workflow}\nnodes:\n  - id: answer\n    adapter: execution\n    agent: echo\n"))).EnsureSuccessStatusCode();
    }

    public static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Ledger.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
