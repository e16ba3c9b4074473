using System.Collections.Concurrent;
using Alpha.Platform.Ledger;

namespace Alpha.Cluster.Benchmarks;

/// <summary>
/// How late a subscriber on another node sees a run's frames (Stopwatch; the nodes share this process's clock): runs
/// of 5 steps, each a 100 ms model call, dispatched from node 0 and placed by Orleans; a node that does not drive the
/// run follows it both ways at once: through Orleans (the run's relay grain, <c>FollowFramesAsync</c>) and as the
/// server did before, reading the ledger every 500 ms. A frame's latency is when it was seen minus when its node
/// emitted it; only frames both ways saw are counted.
/// </summary>
internal static class FrameLatency
{
    private static readonly TimeSpan LedgerPoll = TimeSpan.FromMilliseconds(500);

    public static async Task<(List<double> Relay, List<double> Ledger)> MeasureAsync(int runs)
    {
        await using var cluster = await BlockedCluster.StartAsync(3, 11711, _ => new SlowChatClient(TimeSpan.FromMilliseconds(100)), steps: 5);
        var relay = new List<double>();
        var ledger = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var view = await cluster.Nodes[0].Gateway.DispatchAsync(cluster.Dispatch);
            var follower = (cluster.IndexOf(view.Silo) + 1) % cluster.Nodes.Count;
            var store = cluster.Ledgers[follower];
            var taskId = (await store.GetRunAsync(view.RunId!))!.Run.TaskId!;
            var relaySeen = new ConcurrentDictionary<long, double>();
            await using (await cluster.Nodes[follower].Gateway.FollowFramesAsync(taskId, f => relaySeen.TryAdd(f.Sequence, (DateTimeOffset.UtcNow - f.EmittedAt).TotalMilliseconds)))
            {
                var ledgerSeen = new Dictionary<long, double>();
                while (true)
                {
                    var detail = (await store.GetRunAsync(view.RunId!))!;
                    var now = DateTimeOffset.UtcNow;
                    foreach (var frame in detail.Frames)
                    {
                        ledgerSeen.TryAdd(frame.Sequence, (now - frame.EmittedAt).TotalMilliseconds);
                    }

                    if (LedgerNames.IsFinal(detail.Run.Status))
                    {
                        break;
                    }

                    await Task.Delay(LedgerPoll);
                }

                foreach (var (sequence, late) in ledgerSeen.Where(s => relaySeen.ContainsKey(s.Key)))
                {
                    ledger.Add(late);
                    relay.Add(relaySeen[sequence]);
                }
            }
        }

        return (relay, ledger);
    }
}
