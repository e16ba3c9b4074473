using System.Threading.Channels;
using Alpha.Platform.Ledger;
using Alpha.Server.Frames;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Alpha.Cluster.Tests;

/// <summary>
/// One event stream feeds every surface: on a node that does not drive a cluster run, the run's relayed frames enter
/// that node's frame hub (what SSE, WebSocket, the web page and MCP read), each once, in sequence order.
/// </summary>
public sealed class RelayedFramesTests
{
    [Fact]
    public async Task Follow_RunDrivenOnAnotherSilo_HubSubscribersGetEveryFrameOnceInOrder()
    {
        await using var harness = await ClusterHarness.StartAsync();
        var view = await harness.Gateway.DispatchAsync(ClusterHarness.TwoSteps, ClusterHarness.Agents);
        await ClusterHarness.WaitUntilAsync(() => Task.FromResult(harness.Gate.Arrived >= 1), "the run waits on its model");
        var run = (await harness.Ledger.GetRunAsync(view.RunId!))!.Run;
        var taskId = run.TaskId!;

        // A node that does not drive the run: its own hub, fed through its own silo.
        var other = harness.Cluster.Silos.Cast<InProcessSiloHandle>().First(s => s.SiloAddress.ToParsableString() != view.Silo);
        var gateway = new ClusterGateway(other.SiloHost.Services.GetRequiredService<IGrainFactory>(), harness.Ledger, harness.Cluster.Options.ClusterId);
        var hub = new FrameHub();
        var relayed = new RelayedFrames(hub, harness.Ledger, gateway, TimeSpan.FromMilliseconds(500), TimeProvider.System);
        Assert.DoesNotContain(taskId, hub.TaskIds);

        List<RunFrame> first;
        List<RunFrame> second;
        using (relayed.Follow(run))
        using (relayed.Follow(run))
        {
            // Two followers, one feed; one subscriber from the first frame, one after the second.
            Assert.Equal([taskId], relayed.TaskIds);
            Assert.Contains(taskId, hub.TaskIds);
            Assert.True(hub.TrySubscribe(taskId, 0, out var fromStart, out var leaveStart));
            Assert.True(hub.TrySubscribe(taskId, 2, out var fromSecond, out var leaveSecond));
            harness.Gate.Open();
            first = await ReadToEndAsync(fromStart!);
            second = await ReadToEndAsync(fromSecond!);
            leaveStart!();
            leaveSecond!();
        }

        // The hub held the run until its end, then let it go (later readers get the ledger).
        Assert.DoesNotContain(taskId, hub.TaskIds);
        Assert.Empty(relayed.TaskIds);
        // The live end frame can reach the hub before the driving node's last ledger commit lands: wait for the commit.
        await ClusterHarness.WaitUntilAsync(async () => (await harness.Ledger.GetRunAsync(view.RunId!))?.Run.Status is { } status && LedgerNames.IsFinal(status), "the run's end is committed");
        var ledgerFrames = (await harness.Ledger.GetRunAsync(view.RunId!))!.Frames;
        Assert.Equal("workflow.completed", ledgerFrames[^1].Stage);
        Assert.Equal(ledgerFrames.Select(Shape), first.Select(Shape));
        Assert.Equal(ledgerFrames.Where(f => f.Sequence > 2).Select(Shape), second.Select(Shape));
    }

    [Fact]
    public async Task Follow_LastFollowerLeaves_RunLeavesTheHubAndANewFollowerStartsFromTheFirstFrame()
    {
        await using var harness = await ClusterHarness.StartAsync();
        var view = await harness.Gateway.DispatchAsync(ClusterHarness.TwoSteps, ClusterHarness.Agents);
        await ClusterHarness.WaitUntilAsync(() => Task.FromResult(harness.Gate.Arrived >= 1), "the run waits on its model");
        var run = (await harness.Ledger.GetRunAsync(view.RunId!))!.Run;
        var taskId = run.TaskId!;
        var hub = new FrameHub();
        var relayed = new RelayedFrames(hub, harness.Ledger, harness.Gateway, TimeSpan.FromMilliseconds(500), TimeProvider.System);

        using (relayed.Follow(run))
        {
            Assert.Contains(taskId, hub.TaskIds);
        }

        Assert.DoesNotContain(taskId, hub.TaskIds);
        Assert.Empty(relayed.TaskIds);

        List<RunFrame> frames;
        using (relayed.Follow(run))
        {
            Assert.True(hub.TrySubscribe(taskId, 0, out var reader, out var leave));
            harness.Gate.Open();
            frames = await ReadToEndAsync(reader!);
            leave!();
        }

        // The live end frame can reach the hub before the driving node's last ledger commit lands: wait for the commit.
        await ClusterHarness.WaitUntilAsync(async () => (await harness.Ledger.GetRunAsync(view.RunId!))?.Run.Status is { } status && LedgerNames.IsFinal(status), "the run's end is committed");
        var ledgerFrames = (await harness.Ledger.GetRunAsync(view.RunId!))!.Frames;
        Assert.Equal(ledgerFrames.Select(Shape), frames.Select(Shape));
    }

    private static (string RunId, long Sequence, string Stage, string Message, string Extras) Shape(RunFrame frame) =>
        (frame.RunId, frame.Sequence, frame.Stage, frame.Message, frame.Extras);

    private static async Task<List<RunFrame>> ReadToEndAsync(ChannelReader<RunFrame> reader)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var frames = new List<RunFrame>();
        await foreach (var frame in reader.ReadAllAsync(patience.Token))
        {
            frames.Add(frame);
        }

        return frames;
    }
}
