using System.Threading.Channels;
using Alpha.Cluster.Frames;
using Alpha.Cluster.Runs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Alpha.Cluster.Tests;

/// <summary>Frames across nodes through Orleans: a subscriber on one silo receives the live frames of a run driven on another.</summary>
public sealed class ClusterFrameTests
{
    [Fact]
    public async Task FollowFrames_RunDrivenOnAnotherSilo_SubscriberGetsItsLiveFramesInOrder()
    {
        await using var harness = await ClusterHarness.StartAsync();
        var view = await harness.Gateway.DispatchAsync(ClusterHarness.TwoSteps, ClusterHarness.Agents);
        await ClusterHarness.WaitUntilAsync(() => Task.FromResult(harness.Gate.Arrived >= 1), "the run waits in its second step");
        var taskId = (await harness.Ledger.GetRunAsync(view.RunId!))!.Run.TaskId!;

        // Subscribed on a silo that does not drive the run, while the run waits: every later frame must come through.
        var other = harness.Cluster.Silos.Cast<InProcessSiloHandle>().First(s => s.SiloAddress.ToParsableString() != view.Silo);
        var gateway = new ClusterGateway(other.SiloHost.Services.GetRequiredService<IGrainFactory>(), harness.Ledger, harness.Cluster.Options.ClusterId);
        var frames = Channel.CreateUnbounded<ClusterFrame>();
        await using (await gateway.FollowFramesAsync(taskId, f => frames.Writer.TryWrite(f)))
        {
            var subscribedAt = DateTimeOffset.UtcNow;
            harness.Gate.Open();
            await ClusterHarness.WaitUntilAsync(async () => (await harness.Gateway.GetAsync(view.Key)).IsFinal, "the run ends");

            // Every frame emitted after the subscription must come through (one-way messages may overtake each other:
            // a consumer orders them by sequence, as the server's stream does).
            var ledgerFrames = (await harness.Ledger.GetRunAsync(view.RunId!))!.Frames;
            var expected = ledgerFrames.Where(f => f.EmittedAt > subscribedAt).ToArray();
            Assert.Contains(expected, f => f.Stage == "node.second.completed");
            Assert.Equal("workflow.completed", expected[^1].Stage);
            var received = new Dictionary<long, ClusterFrame>();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await foreach (var frame in frames.Reader.ReadAllAsync(patience.Token))
            {
                received[frame.Sequence] = frame;
                if (expected.All(f => received.ContainsKey(f.Sequence)))
                {
                    break;
                }
            }

            // Each is the frame the ledger recorded (redacted alike), of this run.
            Assert.All(expected, f => Assert.Equal((f.RunId, f.Stage, f.Message, f.Extras), (received[f.Sequence].RunId, received[f.Sequence].Stage, received[f.Sequence].Message, received[f.Sequence].Extras)));
        }

        Assert.Equal(ClusterRunStatus.Completed, (await harness.Gateway.GetAsync(view.Key)).Status);
    }
}
