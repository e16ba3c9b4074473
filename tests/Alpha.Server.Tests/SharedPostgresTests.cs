using System.Net;
using System.Net.Http.Headers;
using Alpha.Platform.Ledger;
using Alpha.Runtime.Llm;
using Alpha.Runtime.Security;
using Alpha.Server.Auth;
using Alpha.Testing.Databases;
using Alpha.Testing.Loopback;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Alpha.Server.Tests;

/// <summary>Two servers on one PostgreSQL ledger (ALPHA_TEST_PG), as two nodes of one deployment.</summary>
public sealed class SharedPostgresTests
{
    [Fact]
    public async Task TwoServers_OneLedger_ResultReadAndKillRequestedOnTheOther()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();
        await using var model = await LoopbackOpenAIServer.StartAsync();
        model.Enqueue(LoopbackReply.Stream(["disk ", "full"]), LoopbackReply.Hang());
        await using var ledgerA = await PostgresLedgerStore.OpenAsync(schema.ConnectionString);
        await using var ledgerB = await PostgresLedgerStore.OpenAsync(schema.ConnectionString);
        var (token, _) = await ApiTokens.IssueAsync(ledgerA, "pg");
        await using var a = await StartAsync(ledgerA, model);
        await using var b = await StartAsync(ledgerB, model);
        using var clientA = Client(a, token);
        using var clientB = Client(b, token);
        (await clientA.PostAsync("/agents/specs", ServerFixture.Yaml("kind: agent\nname: echo\nmodel: loopback/test-model\nagent_kind: llm\nsystem_prompt: You repeat the ticket.\n"))).EnsureSuccessStatusCode();
        (await clientA.PostAsync("/workflows/specs", ServerFixture.Yaml("kind: workflow\nname: one_node\nnodes:\n  - id: answer\n    adapter: execution\n    agent: echo\n"))).EnsureSuccessStatusCode();

        var first = await ServerFixture.ReadAsync(await clientA.PostAsync("/workflows/one_node/run", ServerFixture.Json("{}")));
        await SseClient.ReadAllAsync(clientA, $"/chat/stream/{(string)first["task_id"]!}");
        var readOnB = await ServerFixture.ReadAsync(await clientB.GetAsync($"/runs/{(string)first["run_id"]!}"));
        var second = await ServerFixture.ReadAsync(await clientA.PostAsync("/workflows/one_node/run", ServerFixture.Json("{}")));
        await model.WaitForRequestAsync(2);
        var kill = await clientB.PostAsync($"/workflows/runs/{(string)second["run_id"]!}/kill", null);
        var events = await SseClient.ReadAllAsync(clientA, $"/chat/stream/{(string)second["task_id"]!}");

        Assert.Equal("disk full", (string)readOnB["outputs"]!["answer"]!);
        Assert.Equal(HttpStatusCode.Accepted, kill.StatusCode);
        Assert.Equal("cancelled", (string)events[^1].Data["status"]!);
        Assert.Equal("killed by token:pg", (await ledgerA.GetRunAsync((string)second["run_id"]!))!.Run.Error);
    }

    private static async Task<WebApplication> StartAsync(ILedgerStore ledger, LoopbackOpenAIServer model)
    {
        var app = AlphaServer.Build(
            new ServerOptions { Ledger = ledger, Urls = ["http://127.0.0.1:0"], Environment = _ => null, Limits = InputLimits.Default, ModelClients = _ => new OpenAICompatibleChatClient(model.CreateOptions()) },
            builder => builder.Logging.ClearProviders());
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
