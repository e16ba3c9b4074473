using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;

namespace Alpha.Platform.Tests.Ledger;

public abstract partial class LedgerContractTests
{
    private async Task<WorkflowRun> OpenRunAsync(RunStatus status = RunStatus.Running)
    {
        var spec = await Store.SnapshotAsync(TestSpecs.Workflow());
        return await Store.CreateRunAsync(new NewRun(SpecKind.Workflow, spec.VersionId, Status: status));
    }

    [Fact]
    public async Task RequestKill_OpenRunFromAnotherStoreInstance_ListedWithRequesterFirstOneKept()
    {
        var run = await OpenRunAsync();
        var other = await OpenStoreAsync(Clock);
        await using (other)
        {
            var first = await other.RequestKillAsync(run.RunId, "alice");
            Clock.Advance(TimeSpan.FromSeconds(3));
            var second = await other.RequestKillAsync(run.RunId, "bob");

            Assert.Equal(new KillRequestResult(run.RunId, RunStatus.Running, true), first);
            Assert.True(second.Requested);
        }

        var request = Assert.Single(await Store.ListKillRequestsAsync());
        Assert.Equal(new KillRequest(run.RunId, "alice", Clock.GetUtcNow().AddSeconds(-3)), request);
    }

    [Fact]
    public async Task RequestKill_FinishedOrUnknownRun_NotRequestedAndSaysWhy()
    {
        var run = await OpenRunAsync();
        await Store.AppendAsync(run.RunId, new LedgerBatch([], [], [], RunStatus.Completed));

        var finished = await Store.RequestKillAsync(run.RunId, "alice");
        var unknown = await Store.RequestKillAsync("run_nope", "alice");

        Assert.Equal(new KillRequestResult(run.RunId, RunStatus.Completed, false), finished);
        Assert.Equal(new KillRequestResult("run_nope", null, false), unknown);
        Assert.Empty(await Store.ListKillRequestsAsync());
    }

    [Fact]
    public async Task RequestKillAll_EveryOpenRunPendingOrRunning_FinishedLeftAlone_RequestEndsWithItsRun()
    {
        var running = await OpenRunAsync();
        var pending = await OpenRunAsync(RunStatus.Pending);
        var done = await OpenRunAsync();
        await Store.AppendAsync(done.RunId, new LedgerBatch([], [], [], RunStatus.Failed, "boom"));

        var killed = await Store.RequestKillAllAsync("ops --all");

        Assert.Equal(new[] { running.RunId, pending.RunId }.Order(StringComparer.Ordinal), killed);
        Assert.Equal(killed, (await Store.ListKillRequestsAsync()).Select(r => r.RunId).Order(StringComparer.Ordinal));
        Assert.All(await Store.ListKillRequestsAsync(), r => Assert.Equal("ops --all", r.RequestedBy));

        await Store.AppendAsync(running.RunId, new LedgerBatch([], [], [], RunStatus.Cancelled, "killed by ops --all"));
        Assert.Equal(pending.RunId, Assert.Single(await Store.ListKillRequestsAsync()).RunId);
    }

    [Fact]
    public async Task NextKillSignal_RequestCommittedByAnotherInstance_SignalledWhereTheStoreCanElseNeverCompletes()
    {
        var run = await OpenRunAsync();
        using var stop = new CancellationTokenSource();
        var signal = Store.NextKillSignalAsync(stop.Token);
        if (Store.SignalsKillRequests)
        {
            // The listener's own connection signals once it listens; wait for that first, then for the request's NOTIFY.
            await signal;
            signal = Store.NextKillSignalAsync(stop.Token);
        }

        var other = await OpenStoreAsync(Clock);
        await using (other)
        {
            await other.RequestKillAsync(run.RunId, "alice");
        }

        if (Store.SignalsKillRequests)
        {
            await signal.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(signal.IsCompletedSuccessfully);
        }
        else
        {
            Assert.False(signal.IsCompleted);
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signal);
        }
    }
}
