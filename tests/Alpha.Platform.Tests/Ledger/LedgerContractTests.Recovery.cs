using Alpha.Platform.Ledger;
using Alpha.Platform.Recording;
using Alpha.Platform.Specs;

namespace Alpha.Platform.Tests.Ledger;

public abstract partial class LedgerContractTests
{
    private async Task<WorkflowRun> OwnedRunAsync(RunOwner? owner)
    {
        var spec = await Store.SnapshotAsync(TestSpecs.Workflow());
        return await Store.CreateRunAsync(new NewRun(SpecKind.Workflow, spec.VersionId, Owner: owner));
    }

    [Fact]
    public async Task Recover_OwnerProcessAlive_LeftRunningEvenWhenInactive()
    {
        var run = await OwnedRunAsync(RunOwner.Current);
        Clock.Advance(TimeSpan.FromHours(2));

        var results = await RunRecovery.RecoverAsync(Store, TimeSpan.FromSeconds(5), Clock);

        var result = Assert.Single(results);
        Assert.False(result.MarkedFailed);
        Assert.StartsWith("live: its process", result.Reason, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Running, (await Store.GetRunAsync(run.RunId))!.Run.Status);
    }

    [Fact]
    public async Task Recover_OwnerPidReusedByAnotherProcess_MarkedFailedWithTheReason()
    {
        // This process's id with another start time: the owner ended and its id now names another process.
        var gone = RunOwner.Current with { ProcessStartedAt = RunOwner.Current.ProcessStartedAt.AddHours(-1) };
        var run = await OwnedRunAsync(gone);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var results = await RunRecovery.RecoverAsync(Store, TimeSpan.FromSeconds(5), Clock);

        Assert.True(Assert.Single(results).MarkedFailed);
        var after = (await Store.GetRunAsync(run.RunId))!.Run;
        Assert.Equal(RunStatus.Failed, after.Status);
        Assert.Equal($"abandoned: its process {gone.ProcessId} on {gone.Host} is gone and the run was not finished", after.Error);
    }

    [Fact]
    public async Task Recover_OtherHostWithFreshHeartbeat_LeftRunning_StaleHeartbeat_MarkedFailed()
    {
        var remote = new RunOwner("another-host", 4242, Clock.GetUtcNow().AddDays(-1));
        var run = await OwnedRunAsync(remote);
        Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True(await Store.HeartbeatAsync(run.RunId));
        Clock.Advance(TimeSpan.FromSeconds(5));

        var fresh = await RunRecovery.RecoverAsync(Store, TimeSpan.FromSeconds(5), Clock);

        Assert.False(Assert.Single(fresh).MarkedFailed);
        Assert.Equal(RunStatus.Running, (await Store.GetRunAsync(run.RunId))!.Run.Status);

        Clock.Advance(RunRecovery.DefaultLease);
        var stale = await RunRecovery.RecoverAsync(Store, TimeSpan.FromSeconds(5), Clock);

        Assert.True(Assert.Single(stale).MarkedFailed);
        var after = (await Store.GetRunAsync(run.RunId))!.Run;
        Assert.Equal(RunStatus.Failed, after.Status);
        Assert.StartsWith("abandoned: no heartbeat for 35 s from 4242 on another-host", after.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recover_RecentlyWrittenRun_NotACandidate()
    {
        await OwnedRunAsync(null);
        Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Empty(await RunRecovery.RecoverAsync(Store, TimeSpan.FromSeconds(5), Clock));
    }

    [Fact]
    public async Task Heartbeat_FinishedRun_FalseAndUnchanged()
    {
        var run = await OwnedRunAsync(RunOwner.Current);
        await Store.AppendAsync(run.RunId, new LedgerBatch([], [], [], RunStatus.Completed));

        Assert.False(await Store.HeartbeatAsync(run.RunId));
        Assert.Equal(RunStatus.Completed, (await Store.GetRunAsync(run.RunId))!.Run.Status);
    }

    [Fact]
    public async Task Append_RunClosedByRecovery_ThrowsRunClosed()
    {
        var run = await OwnedRunAsync(null);
        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(Assert.Single(await RunRecovery.RecoverAsync(Store, TimeSpan.FromSeconds(5), Clock)).MarkedFailed);

        var ex = await Assert.ThrowsAsync<RunClosedException>(() => Store.AppendAsync(run.RunId, new LedgerBatch([], [], [], RunStatus.Completed)));

        Assert.Equal((run.RunId, "failed"), (ex.RunId, ex.Status));
    }

    [Fact]
    public async Task ListRuns_NeverCarriesInputs_ButTheirSize()
    {
        var inputs = $$"""{"logs": ["{{new string('x', 100_000)}}"]}""";
        var spec = await Store.SnapshotAsync(TestSpecs.Workflow());
        var created = await Store.CreateRunAsync(new NewRun(SpecKind.Workflow, spec.VersionId, Inputs: inputs));

        var listed = Assert.Single(await Store.ListRunsAsync());
        var detail = (await Store.GetRunAsync(created.RunId))!;

        Assert.Equal((null, (long?)inputs.Length), (listed.Inputs, listed.InputsChars));
        Assert.Equal((null, (long?)inputs.Length), (detail.Run.Inputs, detail.Run.InputsChars));
        Assert.Equal(inputs.Length, created.InputsChars);
    }

    [Fact]
    public async Task GetRunInputs_Pages_ReassembleTheWhole()
    {
        var inputs = $$"""{"question": "{{string.Concat(Enumerable.Range(0, 500).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))}}"}""";
        var spec = await Store.SnapshotAsync(TestSpecs.Workflow());
        var run = await Store.CreateRunAsync(new NewRun(SpecKind.Workflow, spec.VersionId, Inputs: inputs));

        var pages = new List<RunInputsSlice>();
        for (long offset = 0; pages.Count == 0 || !pages[^1].IsLast; offset += 300)
        {
            pages.Add((await Store.GetRunInputsAsync(run.RunId, offset, 300))!);
        }

        Assert.Equal(inputs, string.Concat(pages.Select(p => p.Text)));
        Assert.All(pages, p => Assert.Equal(inputs.Length, p.TotalChars));
        Assert.Equal((inputs.Length + 299) / 300, pages.Count);
        Assert.Null(await Store.GetRunInputsAsync("run_missing"));
    }
}
