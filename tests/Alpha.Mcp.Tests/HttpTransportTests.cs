using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Server.Runs;
using Alpha.Testing.Loopback;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Client;

namespace Alpha.Mcp.Tests;

/// <summary>/mcp on a real <c>alpha serve</c> host on 127.0.0.1, driven by the SDK's HTTP client: Alpha tokens, OAuth (RFC 9728, RFC 8707).</summary>
public sealed class HttpTransportTests
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";

    [Fact]
    public async Task Tools_AlphaToken_SnapshotRunDescribeAndListAWorkflow()
    {
        await using var server = await HttpServer.StartAsync();
        await using var client = await ConnectAsync(server, server.Token);

        var agent = await client.CallAsync("snapshot_spec", new { spec = "kind: agent\nname: echo\nmodel: deterministic\nagent_kind: llm\nsystem_prompt: You repeat the ticket.\n" });
        var workflow = await client.CallAsync("snapshot_spec", new { spec = JsonDocument.Parse("""{"kind": "workflow", "name": "one_node", "inputs": {"ticket": {"type": "string", "required": true}}, "nodes": [{"id": "answer", "adapter": "execution", "agent": "echo"}]}""").RootElement });
        var again = await client.CallAsync("snapshot_spec", new { spec = "kind: agent\nname: echo\nmodel: deterministic\nagent_kind: llm\nsystem_prompt: You repeat the ticket.\n" });
        var run = await client.CallAsync("run_workflow", new { name = "one_node", inputs = new { ticket = "disk full on db-1" }, wait = true });
        var runId = run.Structured().GetProperty("run").GetProperty("run_id").GetString()!;
        var listed = await client.CallAsync("list_runs", new { status = "completed" });

        Assert.True(agent.Structured().GetProperty("created").GetBoolean());
        Assert.Equal(1, workflow.Structured().GetProperty("spec").GetProperty("version").GetInt32());
        Assert.False(again.Structured().GetProperty("created").GetBoolean());
        var described = run.Structured();
        Assert.Equal("completed", described.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal("one_node", described.GetProperty("spec").GetProperty("name").GetString());
        Assert.Equal("answer", Assert.Single(described.GetProperty("nodes").EnumerateArray()).GetProperty("node").GetString());
        Assert.True(described.GetProperty("outputs").TryGetProperty("answer", out _));
        Assert.Equal(runId, listed.Structured().GetProperty("runs")[0].GetProperty("run_id").GetString());
        Assert.Equal(RunStatus.Completed, (await server.Ledger.GetRunAsync(runId))!.Run.Status);
    }

    [Fact]
    public async Task KillRun_RunWaitingOnModel_CancelledAndKillFrameNamesTheToken()
    {
        await using var server = await HttpServer.StartAsync(withModel: true);
        server.Model!.Enqueue(LoopbackReply.Hang());
        await using var client = await ConnectAsync(server, server.Token);
        await client.CallAsync("snapshot_spec", new { spec = "kind: agent\nname: slow\nmodel: loopback/test-model\nagent_kind: llm\nsystem_prompt: You answer.\n" });
        await client.CallAsync("snapshot_spec", new { spec = "kind: workflow\nname: slow_flow\nnodes:\n  - id: answer\n    adapter: execution\n    agent: slow\n" });
        var started = (await client.CallAsync("run_workflow", new { name = "slow_flow" })).Structured();
        var runId = started.GetProperty("run").GetProperty("run_id").GetString()!;
        await server.Model.WaitForRequestAsync();

        var kill = await client.CallAsync("kill_run", new { run_id = runId });
        var waited = await client.CallAsync("run_workflow", new { name = "nope" });

        Assert.True(kill.Structured().GetProperty("killed").GetBoolean());
        await server.Model.HungRequestAborted;
        await server.App.Services.GetRequiredService<RunDispatcher>().CompletionOf(runId);
        var again = await client.CallAsync("kill_run", new { run_id = runId });
        var detail = (await server.Ledger.GetRunAsync(runId))!;
        Assert.Equal(RunStatus.Cancelled, detail.Run.Status);
        Assert.Equal("killed by mcp token:test", detail.Run.Error);
        Assert.True(again.IsError);
        Assert.Contains("has already ended (cancelled)", again.Text(), StringComparison.Ordinal);
        Assert.True(waited.IsError);
        Assert.Contains("no workflow spec is named 'nope'", waited.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeIncident_OverHttp_IncidentTextAcceptedAndPathRefused()
    {
        await using var server = await HttpServer.StartAsync();
        await using var client = await ConnectAsync(server, server.Token);

        var byText = await client.CallAsync("analyze_incident", new { incident = await File.ReadAllTextAsync(Incidents.DiskFull), top = 1 });
        var byPath = await client.CallAsync("analyze_incident", new { path = Incidents.DiskFull });

        Assert.Single(byText.Structured().GetProperty("hypotheses").EnumerateArray());
        Assert.True(byPath.IsError);
        Assert.Contains("path: is not accepted over HTTP", byPath.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_NoToken_ChallengePointsAtProtectedResourceMetadata()
    {
        await using var server = await HttpServer.StartAsync();
        using var anonymous = server.NewClient(null);

        var response = await PostInitializeAsync(anonymous);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        var metadataUrl = System.Text.RegularExpressions.Regex.Match(challenge, "resource_metadata=\"([^\"]+)\"").Groups[1].Value;
        var metadata = JsonNode.Parse(await anonymous.GetStringAsync(metadataUrl))!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", challenge, StringComparison.Ordinal);
        Assert.Equal(new Uri(server.BaseAddress, "/.well-known/oauth-protected-resource/mcp").ToString(), metadataUrl);
        Assert.Equal(server.Mcp.ToString(), (string)metadata["resource"]!);
        Assert.Equal(server.Authorization.Issuer, (string)metadata["authorization_servers"]![0]!);
        Assert.Contains("alpha:mcp", metadata["scopes_supported"]!.AsArray().Select(s => (string)s!));
    }

    [Fact]
    public async Task OAuthClient_FollowsMetadata_TokenBoundToThisResourceCallsToolsAndIsNamedInKills()
    {
        await using var server = await HttpServer.StartAsync(withModel: true);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = server.Mcp,
            OAuth = new ClientOAuthOptions
            {
                ClientId = "alpha-tests",
                RedirectUri = new Uri("http://127.0.0.1:1/callback"),
                // The "user" approves at once: follow the authorization URL and read the code from the redirect.
                AuthorizationCallbackHandler = async (context, ct) =>
                {
                    using var answer = await browser.GetAsync(context.AuthorizationUri, ct);
                    var location = answer.Headers.Location!;
                    Assert.StartsWith(context.RedirectUri.ToString(), location.ToString(), StringComparison.Ordinal);
                    var query = System.Web.HttpUtility.ParseQueryString(location.Query);
                    return new AuthorizationResult { Code = query["code"], State = query["state"], Iss = query["iss"] };
                },
            },
        });
        await using var client = await McpClient.CreateAsync(transport);

        var pages = await client.CallAsync("list_pages");
        server.Model!.Enqueue(LoopbackReply.Hang());
        await client.CallAsync("snapshot_spec", new { spec = "kind: agent\nname: slow\nmodel: loopback/test-model\nagent_kind: llm\nsystem_prompt: You answer.\n" });
        await client.CallAsync("snapshot_spec", new { spec = "kind: workflow\nname: slow_flow\nnodes:\n  - id: answer\n    adapter: execution\n    agent: slow\n" });
        var runId = (await client.CallAsync("run_workflow", new { name = "slow_flow" })).Structured().GetProperty("run").GetProperty("run_id").GetString()!;
        await server.Model.WaitForRequestAsync();
        var kill = await client.CallAsync("kill_run", new { run_id = runId });
        await server.App.Services.GetRequiredService<RunDispatcher>().CompletionOf(runId);

        Assert.NotEmpty(pages.Structured().GetProperty("pages").EnumerateArray());
        Assert.True(kill.Structured().GetProperty("killed").GetBoolean());
        Assert.Equal("killed by mcp token:oauth:tester", (await server.Ledger.GetRunAsync(runId))!.Run.Error);
        Assert.Equal(1, server.Authorization.TokensIssued);
        Assert.NotEmpty(server.Authorization.RequestedResources);
        Assert.All(server.Authorization.RequestedResources, r => Assert.Equal(server.Mcp.ToString().TrimEnd('/'), r.TrimEnd('/')));
    }

    [Fact]
    public async Task AccessTokens_AudienceBinding_ThisResourceAcceptedOtherAudiencesAndIssuersRefused()
    {
        await using var server = await HttpServer.StartAsync();
        using var bound = server.NewClient(server.Authorization.Mint(server.Mcp.ToString()));
        using var elsewhere = server.NewClient(server.Authorization.Mint("http://127.0.0.1:9/mcp"));
        using var wholeServer = server.NewClient(server.Authorization.Mint(server.BaseAddress.ToString()));
        using var otherIssuer = server.NewClient(server.Authorization.Mint(server.Mcp.ToString(), issuer: "http://127.0.0.1:9"));
        using var revokedLater = server.NewClient(server.Token);

        Assert.Equal(HttpStatusCode.OK, (await PostInitializeAsync(bound)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostInitializeAsync(elsewhere)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostInitializeAsync(wholeServer)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostInitializeAsync(otherIssuer)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostInitializeAsync(revokedLater)).StatusCode);

        // The OAuth token is for /mcp only; Alpha's token keeps the REST routes, and a revoked one is refused on /mcp too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await bound.GetAsync("/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await revokedLater.GetAsync("/runs")).StatusCode);
        await server.Ledger.RevokeApiTokensAsync("test");
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostInitializeAsync(revokedLater)).StatusCode);
    }

    private static Task<McpClient> ConnectAsync(HttpServer server, string token) => server.ConnectAsync(token);

    internal static async Task<HttpResponseMessage> PostInitializeAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await client.SendAsync(request);
    }
}
