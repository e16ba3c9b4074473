using Orleans.Placement;

namespace Alpha.Cluster.Frames;

/// <summary>
/// One run's frame relay, activated where it is first called: by the run's node when it publishes its first frame, so
/// publishing is a call inside that node and only subscribers elsewhere cost a network message per frame.
/// </summary>
[PreferLocalPlacement]
internal sealed class FrameRelayGrain : Grain, IFrameRelayGrain
{
    private readonly HashSet<IFrameObserver> _observers = [];

    public Task PublishAsync(ClusterFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        foreach (var observer in _observers)
        {
            // One-way: a subscriber on a node that died does not hold the relay up.
            _ = observer.OnFrameAsync(frame);
        }

        if (frame.IsEnd)
        {
            // The run ended: its subscribers read nothing more from here.
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    public Task SubscribeAsync(IFrameObserver observer)
    {
        _observers.Add(observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IFrameObserver observer)
    {
        _observers.Remove(observer);
        return Task.CompletedTask;
    }
}
