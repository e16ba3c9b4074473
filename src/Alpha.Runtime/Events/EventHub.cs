namespace Alpha.Runtime.Events;

/// <summary>
/// Fans runtime events out to any number of subscribers. Publishing never waits: each subscriber has its
/// own channel, so a slow reader only ever falls behind (or, when its channel is bounded and full, loses
/// its oldest events, counted in <see cref="EventSubscription.Dropped"/>); it never blocks an agent.
/// With no subscriber, publishing costs a field read.
/// </summary>
public sealed class EventHub
{
    private readonly Lock _gate = new();
    private EventSubscription[] _subscriptions = [];

    /// <summary>True when at least one subscriber is listening (lets callers skip building events nobody reads).</summary>
    public bool HasSubscribers => Volatile.Read(ref _subscriptions).Length > 0;

    /// <summary>
    /// Starts a subscription. Dispose it to stop. Subscribe before starting the work you want to watch.
    /// </summary>
    /// <param name="capacity">Events buffered before the oldest are dropped; null for an unbounded buffer (for a ledger that must see everything).</param>
    /// <param name="filter">Only events for which it returns true are delivered (e.g. one execution id).</param>
    public EventSubscription Subscribe(int? capacity = 4096, Func<RuntimeEvent, bool>? filter = null)
    {
        var subscription = new EventSubscription(this, capacity, filter);
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    /// <summary>Delivers <paramref name="runtimeEvent"/> to every subscriber without waiting.</summary>
    public void Publish(RuntimeEvent runtimeEvent)
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            subscription.Offer(runtimeEvent);
        }
    }

    internal void Remove(EventSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(s => !ReferenceEquals(s, subscription))];
        }
    }
}
