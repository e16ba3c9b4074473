using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Server.Auth;
using Alpha.Testing.Loopback;

namespace Alpha.Cli.Tests;

/// <summary><c>alpha auth token|revoke</c> in process, and <c>alpha serve</c> as a real process stopped by a signal mid-run.</summary>
public sealed class ServeCommandTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempFiles _files = new();
    private LoopbackOpenAIServer _model = null!;

    public async Task InitializeAsync() => _model = await LoopbackOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _model.DisposeAsync();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task AuthToken_Json_IssuesTokenStoredOnlyAsItsHash()
    {
        var db = Path.Combine(_files.Root, "auth.db");

        var issued = await CliRunner.RunAsync(["auth", "token", "--name", "ci", "--json", "--db", db]);
        var revoked = await CliRunner.RunAsync(["auth", "revoke", "ci", "--db", db]);
        var again = await CliRunner.RunAsync(["auth", "revoke", "ci", "--db", db]);

        Assert.Equal(0, issued.ExitCode);
        var body = JsonNode.Parse(issued.Out)!;
        var token = (string)body["token"]!;
        Assert.StartsWith(ApiTokens.Prefix, token, StringComparison.Ordinal);
        await using (var store = await SqliteLedgerStore.OpenAsync(db))
        {
            var row = await store.FindApiTokenAsync(ApiTokens.Hash(token));
            Assert.Equal((string)body["token_id"]!, row?.TokenId);
            Assert.NotNull(row!.RevokedAt);
        }

        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains((string)body["token_id"]!, revoked.Out, StringComparison.Ordinal);
        Assert.Equal(2, again.ExitCode);
        Assert.DoesNotContain(token, File.ReadAllText(db), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Serve_SignalWithRunInFlight_RunRecordedCancelledExit0(string signal)
    {
        var db = Path.Combine(_files.Root, $"serve-{signal}.db");
        var token = JsonNode.Parse((await CliRunner.RunAsync(["auth", "token", "--json", "--db", db])).Out)!["token"]!.GetValue<string>();
        _model.Enqueue(LoopbackReply.Hang());
        var url = $"http://127.0.0.1:{FreePort()}";
        using var alpha = AlphaProcess.Start(["serve", "--urls", url, "--db", db], new Dictionary<string, string> { ["ALPHA_LLM_BASE_URL"] = _model.BaseUrl.ToString() });
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await WaitUntilAsync(async () =>
        {
            try
            {
                return (await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/agents/specs", Yaml("kind: agent\nname: slow\nmodel: openai/gpt-4o-mini\nagent_kind: llm\n"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/workflows/specs", Yaml("kind: workflow\nname: hung\nnodes:\n  - id: ask\n    adapter: execution\n    agent: slow\n"))).StatusCode);
        var dispatch = await client.PostAsync("/workflows/hung/run", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, dispatch.StatusCode);
        var runId = JsonNode.Parse(await dispatch.Content.ReadAsStringAsync())!["run_id"]!.GetValue<string>();
        await _model.WaitForRequestAsync().WaitAsync(Patience);

        await alpha.SignalAsync(signal);
        var result = await alpha.WaitAsync(Patience);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}");
        await using var store = await SqliteLedgerStore.OpenAsync(db);
        var detail = (await store.GetRunAsync(runId))!;
        Assert.Equal(RunStatus.Cancelled, detail.Run.Status);
        Assert.Equal("killed by server shutdown", detail.Run.Error);
        Assert.Equal("workflow.cancelled", detail.Frames[^1].Stage);
        Assert.Equal(AgentRunStatus.Cancelled, Assert.Single(detail.AgentRuns).Status);
        Assert.DoesNotContain(token, result.Out + result.Error, StringComparison.Ordinal);
    }

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        // Another process's start has no event to await here: poll it, with a deadline.
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for alpha serve to listen.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
