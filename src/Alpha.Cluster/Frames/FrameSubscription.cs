namespace Alpha.Cluster.Frames;

/// <summary>A subscription to one run's live frames through its relay grain; disposing it unsubscribes.</summary>
public sealed class FrameSubscription : IFrameObserver, IAsyncDisposable
{
    private readonly IGrainFactory _grains;
    private readonly IFrameRelayGrain _relay;
    private readonly Action<ClusterFrame> _onFrame;
    private IFrameObserver? _reference;

    private FrameSubscription(IGrainFactory grains, string taskId, Action<ClusterFrame> onFrame)
    {
        _grains = grains;
        _relay = grains.GetGrain<IFrameRelayGrain>(taskId);
        _onFrame = onFrame;
    }

    /// <summary>Subscribes <paramref name="onFrame"/> to the live frames of task <paramref name="taskId"/> (from now on; earlier ones are in the ledger).</summary>
    public static async Task<FrameSubscription> StartAsync(IGrainFactory grains, string taskId, Action<ClusterFrame> onFrame)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        ArgumentNullException.ThrowIfNull(onFrame);
        var subscription = new FrameSubscription(grains, taskId, onFrame);
        subscription._reference = grains.CreateObjectReference<IFrameObserver>(subscription);
        await subscription._relay.SubscribeAsync(subscription._reference).ConfigureAwait(false);
        return subscription;
    }

    /// <inheritdoc />
    public Task OnFrameAsync(ClusterFrame frame)
    {
        _onFrame(frame);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_reference is not { } reference)
        {
            return;
        }

        _reference = null;
        try
        {
            await _relay.UnsubscribeAsync(reference).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The relay is gone with its run (or its node): nothing to leave.
        }

        _grains.DeleteObjectReference<IFrameObserver>(reference);
    }
}
