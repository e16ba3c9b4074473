using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Runtime.Llm;
using Alpha.Runtime.Security;
using Alpha.Server;
using Alpha.Server.Auth;
using Alpha.Testing.Loopback;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Alpha.Web.Tests;

/// <summary>A real <c>alpha serve</c> app on 127.0.0.1 (a free port) over a fresh SQLite ledger, with a loopback model for agents that are not deterministic.</summary>
internal sealed class WebServer : IAsyncDisposable
{
    private readonly string _directory;

    private WebServer(string directory, SqliteLedgerStore ledger, WebApplication app, string token, LoopbackOpenAIServer model)
    {
        _directory = directory;
        Ledger = ledger;
        App = app;
        Token = token;
        Model = model;
        BaseAddress = new Uri(app.Urls.First());
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public SqliteLedgerStore Ledger { get; }

    public WebApplication App { get; }

    public string Token { get; }

    public LoopbackOpenAIServer Model { get; }

    public Uri BaseAddress { get; }

    /// <summary>Sends the valid token (for arranging specs and reading answers).</summary>
    public HttpClient Client { get; }

    /// <summary>Starts a server whose environment variables are <paramref name="environment"/> (none by default).</summary>
    public static async Task<WebServer> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "alpha-web-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var ledger = await SqliteLedgerStore.OpenAsync(Path.Combine(directory, "ledger.db"));
        var model = await LoopbackOpenAIServer.StartAsync();
        var (token, _) = await ApiTokens.IssueAsync(ledger, "browser");
        var app = AlphaServer.Build(
            new ServerOptions
            {
                Ledger = ledger,
                Urls = ["http://127.0.0.1:0"],
                Limits = InputLimits.Default,
                ModelClients = _ => new OpenAICompatibleChatClient(model.CreateOptions()),
                Environment = v => environment?.GetValueOrDefault(v),
            },
            builder => builder.Logging.ClearProviders());
        await app.StartAsync();
        return new WebServer(directory, ledger, app, token, model);
    }

    public async Task PostSpecAsync(string kind, string yaml)
    {
        var response = await Client.PostAsync($"/{kind}/specs", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>An agent (deterministic unless <paramref name="model"/> is given) and a one-node workflow over it.</summary>
    public async Task OneNodeAsync(string workflow, string agent, string model = "deterministic")
    {
        await PostSpecAsync("agents", $"kind: agent\nname: {agent}\nmodel: {model}\nagent_kind: llm\nsystem_prompt: You repeat the ticket.\n");
        await PostSpecAsync("workflows", $"kind: workflow\nname: {workflow}\ninputs:\n  ticket:\n    type: string\n    required: true\nnodes:\n  - id: answer\n    adapter: execution\n    agent: {agent}\n");
    }

    public async Task<string> DispatchAsync(string workflow)
    {
        var response = await Client.PostAsync($"/workflows/{workflow}/run", new StringContent("{\"inputs\": {\"ticket\": \"disk full on db-1\"}}", Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (string)(await ReadAsync(response))["run_id"]!;
    }

    public async Task<JsonObject> GetAsync(string path)
    {
        var response = await Client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await ReadAsync(response);
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Model.DisposeAsync();
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
