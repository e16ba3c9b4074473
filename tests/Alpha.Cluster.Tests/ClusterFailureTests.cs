using Alpha.Cluster.Runs;
using Alpha.Platform.Ledger;

namespace Alpha.Cluster.Tests;

/// <summary>Failure cases of node loss on the 3-silo test cluster: attempts run out, a kill during the loss, a lost node that wakes up late.</summary>
public sealed class ClusterFailureTests
{
    [Fact]
    public async Task SiloLoss_MaxAttemptsReached_RunMarkedFailedWithTheReason()
    {
        // One start in all: the first loss uses the run's attempts up.
        await using var harness = await ClusterHarness.StartAsync(maxAttempts: 1);
        var (_, victim, lost, _) = await harness.LoseBusiestSecondarySiloAsync();

        await ClusterHarness.WaitUntilAsync(async () => (await harness.TryGetAllAsync(lost))?.All(v => v.IsFinal) == true, "the lost runs are marked");
        harness.Gate.Open();

        foreach (var view in await Task.WhenAll(lost.Select(v => harness.Gateway.GetAsync(v.Key))))
        {
            Assert.Equal(ClusterRunStatus.Failed, view.Status);
            Assert.Equal($"lost with its node 1 times (node {victim} last); not started again", view.Error);
            Assert.Equal(1, view.Attempt);
            var run = (await harness.Ledger.GetRunAsync(view.RunId!))!;
            Assert.Equal(RunStatus.Failed, run.Run.Status);
            Assert.StartsWith($"interrupted: node {victim} was lost", run.Run.Error, StringComparison.Ordinal);
            Assert.Equal("workflow.failed", run.Frames[^1].Stage);
        }

        // Not started again: the one ledger run per lost run is all there is.
        var runs = await harness.Ledger.SearchRunsAsync(new RunQuery(Limit: 100));
        Assert.DoesNotContain(runs, r => r.ParentRunId is not null);
    }

    [Fact]
    public async Task SiloLoss_KillAskedWhileTheNodeIsLost_RunStaysKilled()
    {
        await using var harness = await ClusterHarness.StartAsync();
        var (_, _, lost, _) = await harness.LoseBusiestSecondarySiloAsync();
        var target = lost[0];

        // Asked right after the node died, before it is declared dead: the call reaches the grain once it is placed again,
        // before or after the takeover started; either way the run ends killed and is never completed.
        await KillThroughTheLossAsync(harness, target.Key, "dave");
        await ClusterHarness.WaitUntilAsync(async () => (await harness.TryGetAllAsync([target]))?[0].IsFinal == true, "the killed run ends");
        harness.Gate.Open();
        await ClusterHarness.WaitUntilAsync(async () => (await harness.TryGetAllAsync(lost))?.All(v => v.IsFinal) == true, "every lost run ends");

        var killed = await harness.Gateway.GetAsync(target.Key);
        Assert.Equal(ClusterRunStatus.Cancelled, killed.Status);
        Assert.StartsWith("killed by dave", killed.Error, StringComparison.Ordinal);
        foreach (var runId in killed.InterruptedRunIds.Append(killed.RunId!).Distinct(StringComparer.Ordinal))
        {
            var run = (await harness.Ledger.GetRunAsync(runId))!.Run;
            Assert.NotEqual(RunStatus.Completed, run.Status);
            Assert.True(LedgerNames.IsFinal(run.Status), $"run {runId} is still {run.Status}");
        }

        // The other lost runs were resumed and completed.
        Assert.All(await Task.WhenAll(lost.Skip(1).Select(v => harness.Gateway.GetAsync(v.Key))), v => Assert.Equal(ClusterRunStatus.Completed, v.Status));
    }

    [Fact]
    public async Task SiloLoss_LostNodeGoesOnAfterTheTakeover_ItsWritesAreRefused()
    {
        await using var harness = await ClusterHarness.StartAsync();
        var (_, _, lost, oldExecutor) = await harness.LoseBusiestSecondarySiloAsync();
        await ClusterHarness.WaitUntilAsync(async () => (await harness.TryGetAllAsync(lost))?.All(v => v.Attempt == 2 && v.RunId is not null) == true, "the lost runs are taken over");

        // The lost silo's runs are still in this process, blocked in their model call: released, they go on driving
        // their (closed) ledger runs while the new node drives the continuations. Wait until the old ones have ended.
        harness.Gate.Open();
        await oldExecutor.WhenIdleAsync(TimeSpan.FromSeconds(60));
        Assert.Empty(oldExecutor.Running);
        await ClusterHarness.WaitUntilAsync(async () => (await harness.TryGetAllAsync(lost))?.All(v => v.IsFinal) == true, "every lost run ends");

        foreach (var view in await Task.WhenAll(lost.Select(v => harness.Gateway.GetAsync(v.Key))))
        {
            Assert.Equal(ClusterRunStatus.Completed, view.Status);
            var interrupted = (await harness.Ledger.GetRunAsync(Assert.Single(view.InterruptedRunIds)))!;
            // Nothing the old node did after the takeover reached the ledger: no second agent run, the takeover's frame last.
            Assert.Equal(RunStatus.Failed, interrupted.Run.Status);
            Assert.Equal("first", Assert.Single(interrupted.AgentRuns).Node);
            Assert.Equal("workflow.failed", interrupted.Frames[^1].Stage);
            Assert.Contains("taken over by node", interrupted.Frames[^1].Message, StringComparison.Ordinal);
            var resumed = (await harness.Ledger.GetRunAsync(view.RunId!))!;
            Assert.Equal(RunStatus.Completed, resumed.Run.Status);
        }
    }

    private static async Task KillThroughTheLossAsync(ClusterHarness harness, string key, string by)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await harness.Gateway.KillAsync(key, by);
                return;
            }
            catch (Exception ex) when (attempt < 20 && ex is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException)
            {
                // The call went to the lost silo and was refused once it was declared dead: ask again (as a caller would).
            }
        }
    }
}
