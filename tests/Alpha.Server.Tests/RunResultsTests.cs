using Alpha.Runtime.Security;
using Alpha.Server.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alpha.Server.Tests;

public sealed class RunResultsTests
{
    [Fact]
    public async Task GetRun_AfterRestartOnTheSameLedger_OutputsAndAnalysisResultFromTheLedger()
    {
        await using var fx = await ServerFixture.StartAsync();
        await fx.SnapshotOneNodeAsync();
        var (runId, taskId) = await fx.DispatchAsync();
        await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{taskId}");
        var analyze = await ServerFixture.ReadAsync(await fx.Client.PostAsync("/incidents/analyze", ServerFixture.Yaml("deployment_id: deploy-9\nlogs:\n  - 'ERROR: disk full'\n")));
        await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{(string)analyze["task_id"]!}");
        await fx.App.StopAsync();

        // A second server on the same ledger file: nothing of the first is in its memory.
        await using var second = AlphaServer.Build(new ServerOptions { Ledger = fx.Ledger, Urls = ["http://127.0.0.1:0"], Environment = _ => null, Limits = InputLimits.Default }, b => b.Logging.ClearProviders());
        await second.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(second.Urls.First()) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", fx.Token);
        var workflow = await ServerFixture.ReadAsync(await client.GetAsync($"/runs/{runId}"));
        var analysis = await ServerFixture.ReadAsync(await client.GetAsync($"/runs/{(string)analyze["run_id"]!}"));
        await second.StopAsync();

        Assert.Equal("echo: read inputs ticket", (string)workflow["outputs"]!["answer"]!);
        Assert.Null(workflow["result"]);
        Assert.NotEmpty(analysis["result"]!["ranked_hypotheses"]!.AsArray());
        Assert.Null(analysis["outputs"]);
    }

    [Fact]
    public async Task KillWatcher_TwoDispatchesKilledThroughTheLedger_OneSharedWatcherAppliesBoth()
    {
        await using var fx = await ServerFixture.StartAsync(withModel: true);
        var runs = await fx.DispatchHangingAsync(2);
        var (first, second) = (runs[0], runs[1]);

        // As `alpha runs kill` from another process does: a request in the ledger, read by the server's watcher.
        await fx.Ledger.RequestKillAsync(first.RunId, "operator ann");
        await fx.Ledger.RequestKillAsync(second.RunId, "operator ann");
        await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{first.TaskId}");
        await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{second.TaskId}");

        Assert.Equal("killed by operator ann", (await fx.Ledger.GetRunAsync(first.RunId))!.Run.Error);
        Assert.Equal("killed by operator ann", (await fx.Ledger.GetRunAsync(second.RunId))!.Run.Error);
        Assert.True(fx.App.Services.GetRequiredService<RunDispatcher>().KillWatcher.KillsApplied >= 2);
    }
}
