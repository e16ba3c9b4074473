using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Alpha.Cluster;
using Alpha.Platform.Ledger;

namespace Alpha.Server.Frames;

/// <summary>
/// The frames of a run this process does not drive. Alone, from the ledger, polled every <c>poll</c>. On a node of a
/// cluster, live as well: the run's relay grain forwards each frame from the node driving it the moment it is emitted
/// (subscribed before the ledger is first read, so nothing falls between), the ledger filling in what came before the
/// subscription or what a relay missed (a takeover's closing frame is written by the grain, not relayed). Frames come
/// out in sequence order, each once.
/// </summary>
internal static class OtherProcessFrames
{
    public static async IAsyncEnumerable<RunFrame> ReadAsync(ILedgerStore ledger, ClusterGateway? cluster, WorkflowRun run, long afterSequence, TimeSpan poll, TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var live = cluster is not null && !LedgerNames.IsFinal(run.Status) ? Channel.CreateUnbounded<RunFrame>(new UnboundedChannelOptions { SingleReader = true }) : null;
        await using var subscription = live is null ? null : await TrySubscribeAsync(cluster!, run, live.Writer).ConfigureAwait(false);
        live = subscription is null ? null : live;
        var pending = new SortedDictionary<long, RunFrame>();
        var last = afterSequence;
        while (true)
        {
            var detail = await ledger.GetRunAsync(run.RunId, cancellationToken).ConfigureAwait(false);
            if (detail is null)
            {
                yield break;
            }

            foreach (var frame in detail.Frames.Where(f => f.Sequence > last))
            {
                last = frame.Sequence;
                yield return frame;
            }

            if (LedgerNames.IsFinal(detail.Run.Status))
            {
                yield break;
            }

            if (live is null)
            {
                await Task.Delay(poll, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // Live frames until the next ledger read; a gap (a frame emitted before the subscription and not yet in
            // the ledger) waits for that read.
            while (await WaitAsync(live.Reader, poll, time, cancellationToken).ConfigureAwait(false))
            {
                while (live.Reader.TryRead(out var frame))
                {
                    if (frame.Sequence > last)
                    {
                        pending[frame.Sequence] = frame;
                    }
                }

                while (pending.Remove(last + 1, out var next))
                {
                    last = next.Sequence;
                    yield return next;
                    if (IsEnd(next.Stage))
                    {
                        yield break;
                    }
                }
            }

            foreach (var stale in pending.Keys.Where(k => k <= last).ToArray())
            {
                pending.Remove(stale);
            }
        }
    }

    private static async Task<Alpha.Cluster.Frames.FrameSubscription?> TrySubscribeAsync(ClusterGateway cluster, WorkflowRun run, ChannelWriter<RunFrame> live)
    {
        try
        {
            return run.TaskId is { } taskId ? await cluster.FollowFramesAsync(taskId, f => live.TryWrite(f.ToRunFrame())).ConfigureAwait(false) : null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The cluster is settling (a node was just lost): the ledger alone serves this stream.
            return null;
        }
    }

    private static bool IsEnd(string stage) => stage is "workflow.completed" or "workflow.failed" or "workflow.cancelled" or "workflow.capped";

    /// <summary>True when frames are ready to read; false when <paramref name="poll"/> passed first (time to read the ledger).</summary>
    private static async Task<bool> WaitAsync(ChannelReader<RunFrame> reader, TimeSpan poll, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(poll, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await reader.WaitToReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
