using Orleans.Concurrency;

namespace Alpha.Cluster.Frames;

/// <summary>A subscriber to one run's frames, on any node (an Orleans grain observer).</summary>
public interface IFrameObserver : IGrainObserver
{
    /// <summary>One frame, as the run's node emitted it.</summary>
    [OneWay]
    Task OnFrameAsync(ClusterFrame frame);
}
