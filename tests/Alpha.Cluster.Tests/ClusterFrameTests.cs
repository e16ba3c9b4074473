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
            harness.Gate.Open();
            // One-way messages may overtake each other: a consumer orders by sequence (the server's stream does). Read
            // until the end frame and every frame from the first received up to it are in.
            var received = new SortedDictionary<long, ClusterFrame>();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await foreach (var frame in frames.Reader.ReadAllAsync(patience.Token))
            {
                received[frame.Sequence] = frame;
                if (received.Values.LastOrDefault(f => f.IsEnd) is { } end && received.Keys.First() + received.Count - 1 == end.Sequence)
                {
                    break;
                }
            }

            var ledgerFrames = (await harness.Ledger.GetRunAsync(view.RunId!))!.Frames;
            var ordered = received.Values.ToArray();
            Assert.Equal("workflow.completed", ordered[^1].Stage);
            Assert.Contains(ordered, f => f.Stage == "node.second.completed");
            Assert.All(ordered, f => Assert.Equal(view.RunId, f.RunId));

            // None lost from the first relayed on, each once, and the same frames the ledger recorded.
            Assert.Equal(ledgerFrames.Where(f => f.Sequence >= ordered[0].Sequence).Select(f => (f.Sequence, f.Stage, f.Message)), ordered.Select(f => (f.Sequence, f.Stage, f.Message)));
        }

        Assert.Equal(ClusterRunStatus.Completed, (await harness.Gateway.GetAsync(view.Key)).Status);
    }
}
