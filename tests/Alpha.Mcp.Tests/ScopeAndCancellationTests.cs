using System.Net;
using System.Text.RegularExpressions;
using Alpha.Platform.Ledger;
using Alpha.Server.Runs;
using Alpha.Testing.Loopback;
using Microsoft.Extensions.DependencyInjection;

namespace Alpha.Mcp.Tests;

/// <summary>/mcp's advertised scope is enforced (RFC 6750 insufficient_scope), and a caller that stops waiting for run_workflow stops the run.</summary>
public sealed partial class ScopeAndCancellationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AccessToken_WithoutTheAdvertisedScope_ForbiddenWithInsufficientScopeChallenge()
    {
        await using var server = await HttpServer.StartAsync();
        using var anonymous = server.NewClient(null);
        using var noScope = server.NewClient(server.Authorization.Mint(server.Mcp.ToString(), scope: "openid profile"));
        using var emptyScope = server.NewClient(server.Authorization.Mint(server.Mcp.ToString(), scope: string.Empty));
        using var withScope = server.NewClient(server.Authorization.Mint(server.Mcp.ToString(), scope: "openid alpha:mcp"));
        using var alphaToken = server.NewClient(server.Token);

        var unauthorized = await HttpTransportTests.PostInitializeAsync(anonymous);
        var advertised = MetadataUrl().Match(unauthorized.Headers.WwwAuthenticate.ToString()).Groups[1].Value;
        var metadata = System.Text.Json.Nodes.JsonNode.Parse(await anonymous.GetStringAsync(advertised))!;
        var scope = (string)metadata["scopes_supported"]![0]!;
        var forbidden = await HttpTransportTests.PostInitializeAsync(noScope);
        var challenge = forbidden.Headers.WwwAuthenticate.ToString();

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.StartsWith("Bearer ", challenge, StringComparison.Ordinal);
        Assert.Contains("error=\"insufficient_scope\"", challenge, StringComparison.Ordinal);
        Assert.Contains($"scope=\"{scope}\"", challenge, StringComparison.Ordinal);
        Assert.Equal(advertised, MetadataUrl().Match(challenge).Groups[1].Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await HttpTransportTests.PostInitializeAsync(emptyScope)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await HttpTransportTests.PostInitializeAsync(withScope)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await HttpTransportTests.PostInitializeAsync(alphaToken)).StatusCode); // Alpha's own tokens carry no scopes
    }

    [Fact]
    public async Task RunWorkflow_CallerCancelsWhileWaiting_RunKilledAndItsModelCallAborted()
    {
        await using var server = await HttpServer.StartAsync(withModel: true);
        server.Model!.Enqueue(LoopbackReply.Hang());
        await using var client = await server.ConnectAsync(server.Token);
        await client.CallAsync("snapshot_spec", new { spec = "kind: agent\nname: slow\nmodel: loopback/test-model\nagent_kind: llm\nsystem_prompt: You answer.\n" });
        await client.CallAsync("snapshot_spec", new { spec = "kind: workflow\nname: slow_flow\nnodes:\n  - id: answer\n    adapter: execution\n    agent: slow\n" });

        using var cancel = new CancellationTokenSource();
        var call = client.CallToolAsync("run_workflow", new Dictionary<string, object?> { ["name"] = "slow_flow", ["wait"] = true }, cancellationToken: cancel.Token).AsTask();
        await server.Model.WaitForRequestAsync().WaitAsync(Patience);
        Assert.False(call.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await server.Model.HungRequestAborted.WaitAsync(Patience);
        var run = Assert.Single(await server.Ledger.SearchRunsAsync(new RunQuery(null, null, null, null, 10)));
        await server.App.Services.GetRequiredService<RunDispatcher>().CompletionOf(run.RunId).WaitAsync(Patience);
        var detail = (await server.Ledger.GetRunAsync(run.RunId))!;
        Assert.Equal(RunStatus.Cancelled, detail.Run.Status);
        Assert.Contains("mcp caller cancelled", detail.Run.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex("resource_metadata=\"([^\"]+)\"")]
    private static partial Regex MetadataUrl();
}
