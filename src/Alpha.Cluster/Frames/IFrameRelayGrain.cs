using Orleans.Concurrency;

namespace Alpha.Cluster.Frames;

/// <summary>
/// The live frames of one cluster run, keyed by its task id: the node driving the run publishes every frame here (the
/// grain is placed on that node), and it forwards each to the observers subscribed from any node. Only nodes with a
/// subscriber receive the frames; the ledger stays the record (and the fallback for a frame a relay missed).
/// </summary>
public interface IFrameRelayGrain : IGrainWithStringKey
{
    /// <summary>Forwards a frame to every subscriber (one-way: the run never waits on it).</summary>
    [OneWay]
    Task PublishAsync(ClusterFrame frame);

    /// <summary>Subscribes an observer.</summary>
    Task SubscribeAsync(IFrameObserver observer);

    /// <summary>Unsubscribes an observer.</summary>
    Task UnsubscribeAsync(IFrameObserver observer);
}
