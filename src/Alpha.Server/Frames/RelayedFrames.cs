using Alpha.Cluster;
using Alpha.Platform.Ledger;

namespace Alpha.Server.Frames;

/// <summary>
/// On a node of a cluster, the frames of cluster runs (driven on this node or any other) entering this node's
/// <see cref="FrameHub"/>, so that every surface reading the hub (SSE, WebSocket, the web page, MCP) sees them live as
/// it sees the runs this process dispatches: one event stream feeds every surface. A run is fed while someone here
/// follows it: one feed per run whatever the number of followers, from the run's relay grain (live, the moment a frame
/// is emitted) with the ledger filling in what came before the subscription or what a relay missed
/// (<see cref="OtherProcessFrames"/>: in sequence order, each frame once). The hub holds the run from its first frame
/// until its end, or until its last follower here leaves.
/// </summary>
public sealed class RelayedFrames(FrameHub hub, ILedgerStore ledger, ClusterGateway cluster, TimeSpan poll, TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Feed> _feeds = new(StringComparer.Ordinal);

    /// <summary>Task ids of the runs fed into the hub now.</summary>
    public IReadOnlyCollection<string> TaskIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _feeds.Keys];
            }
        }
    }

    /// <summary>
    /// Follows <paramref name="run"/>: from now until the returned lease is disposed (or the run ends) its frames are
    /// in the hub under its task id, from its first. Null when the run has ended or has no task id (the ledger serves it).
    /// </summary>
    public IDisposable? Follow(WorkflowRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.TaskId is not { } taskId || LedgerNames.IsFinal(run.Status))
        {
            return null;
        }

        lock (_gate)
        {
            if (!_feeds.TryGetValue(taskId, out var feed))
            {
                feed = new Feed(taskId, hub.Attach(taskId));
                _feeds[taskId] = feed;
                feed.Work = Task.Run(() => FeedAsync(run, feed), CancellationToken.None);
            }

            feed.Followers++;
            return new Lease(this, feed);
        }
    }

    private async Task FeedAsync(WorkflowRun run, Feed feed)
    {
        try
        {
            await foreach (var frame in OtherProcessFrames.ReadAsync(ledger, cluster, run, 0, poll, time, feed.Stop.Token).ConfigureAwait(false))
            {
                feed.Buffer.Add(frame); // redacted already, by the node that emitted it
            }
        }
        catch (OperationCanceledException) when (feed.Stop.IsCancellationRequested)
        {
            // The last follower here left.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The ledger failed: followers end here, and a new follower starts again from the ledger.
        }
        finally
        {
            End(feed);
        }
    }

    private void Leave(Feed feed)
    {
        lock (_gate)
        {
            if (--feed.Followers > 0)
            {
                return;
            }

            End(feed);
        }

        feed.Stop.Cancel();
    }

    /// <summary>Takes the feed out of the registry and the hub (its followers' streams end) unless already done.</summary>
    private void End(Feed feed)
    {
        // Both under the registry's lock: a follower arriving now starts a new feed on a new buffer, never this one.
        lock (_gate)
        {
            if (_feeds.TryGetValue(feed.TaskId, out var current) && ReferenceEquals(current, feed))
            {
                _feeds.Remove(feed.TaskId);
            }

            hub.Detach(feed.TaskId, feed.Buffer);
        }
    }

    private sealed class Feed(string taskId, FrameBuffer buffer)
    {
        public string TaskId => taskId;

        public FrameBuffer Buffer => buffer;

        public CancellationTokenSource Stop { get; } = new();

        public int Followers { get; set; }

        public Task? Work { get; set; }
    }

    private sealed class Lease(RelayedFrames owner, Feed feed) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(feed);
            }
        }
    }
}
