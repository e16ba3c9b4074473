using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Runtime.Llm;
using Alpha.Runtime.Security;
using Alpha.Server.Auth;
using Alpha.Testing.Loopback;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Alpha.Server.Tests;

/// <summary>A real Kestrel server on 127.0.0.1 (a free port) over a fresh SQLite ledger, a client holding a valid token, and the logs it wrote.</summary>
internal sealed class ServerFixture : IAsyncDisposable
{
    private readonly string _directory;

    private ServerFixture(string directory, SqliteLedgerStore ledger, WebApplication app, string token, LoopbackOpenAIServer? model, ConcurrentQueue<string> logs)
    {
        _directory = directory;
        Ledger = ledger;
        App = app;
        Token = token;
        Model = model;
        Logs = logs;
        BaseAddress = new Uri(app.Urls.First());
        Client = NewClient(token);
    }

    public SqliteLedgerStore Ledger { get; }

    public WebApplication App { get; }

    public string Token { get; }

    public LoopbackOpenAIServer? Model { get; }

    public ConcurrentQueue<string> Logs { get; }

    public Uri BaseAddress { get; }

    /// <summary>Sends the valid token.</summary>
    public HttpClient Client { get; }

    public static async Task<ServerFixture> StartAsync(bool withModel = false, Func<ServerOptions, ServerOptions>? adjust = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "alpha-server-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var ledger = await SqliteLedgerStore.OpenAsync(Path.Combine(directory, "ledger.db"));
        var model = withModel ? await LoopbackOpenAIServer.StartAsync() : null;
        var (token, _) = await ApiTokens.IssueAsync(ledger, "test");
        var options = new ServerOptions
        {
            Ledger = ledger,
            Urls = ["http://127.0.0.1:0"],
            Limits = InputLimits.Default,
            ModelClients = model is null ? null : _ => new OpenAICompatibleChatClient(model.CreateOptions()),
            Environment = _ => null,
        };
        options = adjust?.Invoke(options) ?? options;
        var logs = new ConcurrentQueue<string>();
        var app = AlphaServer.Build(options, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(new CapturingLoggerProvider(logs));
        });
        await app.StartAsync();
        return new ServerFixture(directory, ledger, app, token, model, logs);
    }

    public HttpClient NewClient(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>Snapshots an agent and a one-node workflow over it (deterministic unless <paramref name="model"/> is given).</summary>
    public async Task SnapshotOneNodeAsync(string workflow = "one_node", string agent = "echo", string? model = null)
    {
        var a = await Client.PostAsync("/agents/specs", Yaml($"kind: agent\nname: {agent}\nmodel: {model ?? "deterministic"}\nagent_kind: llm\nsystem_prompt: You repeat the ticket.\n"));
        a.EnsureSuccessStatusCode();
        var w = await Client.PostAsync("/workflows/specs", Yaml($"kind: workflow\nname: {workflow}\ninputs:\n  ticket:\n    type: string\n    required: true\nnodes:\n  - id: answer\n    adapter: execution\n    agent: {agent}\n"));
        w.EnsureSuccessStatusCode();
    }

    /// <summary>Dispatches <paramref name="workflow"/>; returns (run_id, task_id).</summary>
    public async Task<(string RunId, string TaskId)> DispatchAsync(string workflow = "one_node", string ticket = "disk full on db-1")
    {
        var response = await Client.PostAsync($"/workflows/{workflow}/run", Json($"{{\"inputs\": {{\"ticket\": \"{ticket}\"}}}}"));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var body = await ReadAsync(response);
        return ((string)body["run_id"]!, (string)body["task_id"]!);
    }

    /// <summary>Dispatches <paramref name="count"/> runs of a one-node workflow whose model call hangs, and waits until each call is in flight.</summary>
    public async Task<(string RunId, string TaskId)[]> DispatchHangingAsync(int count)
    {
        Model!.Enqueue([.. Enumerable.Range(0, count).Select(_ => LoopbackReply.Hang())]);
        await SnapshotOneNodeAsync(model: "loopback/test-model");
        var runs = new (string RunId, string TaskId)[count];
        for (var i = 0; i < count; i++)
        {
            runs[i] = await DispatchAsync();
        }

        await Model.WaitForRequestAsync(count);
        return runs;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (Model is not null)
        {
            await Model.DisposeAsync();
        }

        await Ledger.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
