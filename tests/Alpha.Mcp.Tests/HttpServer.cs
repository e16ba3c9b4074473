using System.Net.Http.Headers;
using Alpha.Platform.Ledger;
using Alpha.Runtime.Llm;
using Alpha.Runtime.Security;
using Alpha.Server;
using Alpha.Server.Auth;
using Alpha.Testing.Loopback;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace Alpha.Mcp.Tests;

/// <summary>
/// <c>alpha serve</c> as the CLI builds it (<see cref="AlphaServer.Build"/> on Kestrel, 127.0.0.1, a free port) over a
/// fresh SQLite ledger, trusting a loopback authorization server's tokens for /mcp; a loopback model when asked.
/// </summary>
internal sealed class HttpServer : IAsyncDisposable
{
    private readonly string _directory;

    private HttpServer(string directory, SqliteLedgerStore ledger, WebApplication app, string token, LoopbackAuthorizationServer authorization, LoopbackOpenAIServer? model)
    {
        _directory = directory;
        Ledger = ledger;
        App = app;
        Token = token;
        Authorization = authorization;
        Model = model;
        BaseAddress = new Uri(app.Urls.First());
    }

    public SqliteLedgerStore Ledger { get; }

    public WebApplication App { get; }

    /// <summary>An Alpha token (<c>alpha auth token</c>).</summary>
    public string Token { get; }

    public LoopbackAuthorizationServer Authorization { get; }

    public LoopbackOpenAIServer? Model { get; }

    public Uri BaseAddress { get; }

    /// <summary>The MCP endpoint, which is also the protected resource's URI.</summary>
    public Uri Mcp => new(BaseAddress, "/mcp");

    public static async Task<HttpServer> StartAsync(bool withModel = false)
    {
        var directory = Path.Combine(Path.GetTempPath(), "alpha-mcp-http-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var ledger = await SqliteLedgerStore.OpenAsync(Path.Combine(directory, "ledger.db"));
        var (token, _) = await ApiTokens.IssueAsync(ledger, "test");
        var authorization = await LoopbackAuthorizationServer.StartAsync();
        var model = withModel ? await LoopbackOpenAIServer.StartAsync() : null;
        var options = new ServerOptions
        {
            Ledger = ledger,
            Urls = ["http://127.0.0.1:0"],
            Limits = InputLimits.Default,
            ModelClients = model is null ? null : _ => new OpenAICompatibleChatClient(model.CreateOptions()),
            Environment = name => name == "ALPHA_MCP_OAUTH_ISSUER" ? authorization.Issuer : null,
        };
        var app = AlphaServer.Build(options, builder => builder.Logging.ClearProviders());
        await app.StartAsync();
        return new HttpServer(directory, ledger, app, token, authorization, model);
    }

    /// <summary>The SDK's HTTP client on <see cref="Mcp"/>, sending <paramref name="token"/> as the bearer.</summary>
    public async Task<McpClient> ConnectAsync(string token, CancellationToken cancellationToken = default) =>
        await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = Mcp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
            }),
            cancellationToken: cancellationToken);

    public HttpClient NewClient(string? bearer)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Authorization.DisposeAsync();
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
