using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;

namespace Alpha.Platform.Tests.Ledger;

/// <content>Schedule fires: the unique (schedule, scheduled_at) claim, the link to the run, immutability.</content>
public abstract partial class LedgerContractTests
{
    private static readonly DateTimeOffset FireTime = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ClaimScheduleFire_SameFireTwice_OnlyTheFirstClaimWins()
    {
        var version = await Store.SnapshotAsync(TestSpecs.Workflow("nightly"));

        var first = await Store.ClaimScheduleFireAsync("nightly/at_two", FireTime, "triage", version.VersionId);
        var second = await Store.ClaimScheduleFireAsync("nightly/at_two", FireTime, "triage", version.VersionId);
        var otherTime = await Store.ClaimScheduleFireAsync("nightly/at_two", FireTime.AddDays(1), "triage", version.VersionId);

        Assert.True(first);
        Assert.False(second);
        Assert.True(otherTime);
        var fires = await Store.ListScheduleFiresAsync("nightly/at_two");
        Assert.Equal([FireTime.AddDays(1), FireTime], fires.Select(f => f.ScheduledAt));
        Assert.All(fires, f => Assert.Equal((ScheduleFireStatus.Claimed, "triage", version.VersionId, (string?)null), (f.Status, f.Workflow, f.SpecVersionId, f.RunId)));
        Assert.Equal(FireTime.AddDays(1), await Store.GetLastScheduleFireAsync("nightly/at_two"));
        Assert.Null(await Store.GetLastScheduleFireAsync("nightly/other"));
    }

    [Fact]
    public async Task ClaimScheduleFire_NamedClaimant_RecordedAndTheKeyStillDecides()
    {
        var byCluster = await Store.ClaimScheduleFireAsync("nightly/at_two", FireTime, "triage", null, "cluster:alpha host/1");
        var byProcess = await Store.ClaimScheduleFireAsync("nightly/at_two", FireTime, "triage", null);
        var processFirst = await Store.ClaimScheduleFireAsync("nightly/at_two", FireTime.AddDays(1), "triage", null);
        var clusterSecond = await Store.ClaimScheduleFireAsync("nightly/at_two", FireTime.AddDays(1), "triage", null, "cluster:alpha host/1");

        Assert.Equal((true, false, true, false), (byCluster, byProcess, processFirst, clusterSecond));
        var fires = await Store.ListScheduleFiresAsync("nightly/at_two");
        Assert.Equal("cluster:alpha host/1", fires.Single(f => f.ScheduledAt == FireTime).ClaimedBy);
        Assert.Equal($"{RunOwner.Current.Host}/{RunOwner.Current.ProcessId}", fires.Single(f => f.ScheduledAt == FireTime.AddDays(1)).ClaimedBy);
    }

    [Fact]
    public async Task ClaimScheduleFire_ManyTasksOverTwoStores_EachFireClaimedOnce()
    {
        await using var other = await OpenStoreAsync(Clock);
        var times = Enumerable.Range(0, 6).Select(i => FireTime.AddMinutes(5 * i)).ToArray();

        var claims = await Task.WhenAll(Enumerable.Range(0, 48).Select(async i =>
        {
            await Task.Yield();
            var store = i % 2 == 0 ? Store : other;
            var at = times[i % times.Length];
            return (at, won: await store.ClaimScheduleFireAsync("race/every_five", at, "triage", null));
        }));

        Assert.All(times, t => Assert.Single(claims, c => c.at == t && c.won));
        Assert.Equal(times.Length, await CountAsync("schedule_fires"));
    }

    [Fact]
    public async Task UpdateScheduleFire_RunningThenCompleted_LinksTheRunAndThenRefusesChanges()
    {
        var version = await Store.SnapshotAsync(TestSpecs.Workflow("target"));
        var run = await Store.CreateRunAsync(new NewRun(SpecKind.Workflow, version.VersionId));
        await Store.ClaimScheduleFireAsync("nightly/at_two", FireTime, "target", null);
        Clock.Advance(TimeSpan.FromSeconds(3));

        Assert.True(await Store.UpdateScheduleFireAsync("nightly/at_two", FireTime, ScheduleFireStatus.Running, run.RunId, null));
        Assert.True(await Store.UpdateScheduleFireAsync("nightly/at_two", FireTime, ScheduleFireStatus.Failed, null, "node 'a' failed"));
        var late = await Store.UpdateScheduleFireAsync("nightly/at_two", FireTime, ScheduleFireStatus.Completed, null, null);

        Assert.False(late);
        var fire = Assert.Single(await Store.ListScheduleFiresAsync());
        Assert.Equal((ScheduleFireStatus.Failed, run.RunId, "node 'a' failed"), (fire.Status, fire.RunId, fire.Error));
        Assert.Equal(Clock.GetUtcNow(), fire.FinishedAt);
        Assert.False(await Store.UpdateScheduleFireAsync("nightly/unknown", FireTime, ScheduleFireStatus.Completed, null, null));
    }

    [Fact]
    public async Task ScheduleFires_DeleteOrRewriteByHand_RefusedByTheDatabase()
    {
        await Store.ClaimScheduleFireAsync("nightly/at_two", FireTime, "target", null);

        var delete = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("DELETE FROM schedule_fires"));
        var rekey = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("UPDATE schedule_fires SET schedule = 'other/x'"));

        Assert.Contains("never deleted", delete.Message, StringComparison.Ordinal);
        Assert.Contains("immutable", rekey.Message, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync("schedule_fires"));
    }
}
