using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Alpha.Runtime.Events;

/// <summary>One subscriber's view of an <see cref="EventHub"/>: an async stream of events over its own channel.</summary>
public sealed class EventSubscription : IAsyncEnumerable<RuntimeEvent>, IDisposable
{
    private readonly EventHub _hub;
    private readonly Channel<RuntimeEvent> _channel;
    private readonly Func<RuntimeEvent, bool>? _filter;
    private long _dropped;

    internal EventSubscription(EventHub hub, int? capacity, Func<RuntimeEvent, bool>? filter)
    {
        _hub = hub;
        _filter = filter;
        _channel = capacity is { } c
            ? Channel.CreateBounded<RuntimeEvent>(
                new BoundedChannelOptions(c) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                _ => Interlocked.Increment(ref _dropped))
            : Channel.CreateUnbounded<RuntimeEvent>(new UnboundedChannelOptions { SingleReader = true });
    }

    /// <summary>Events lost because this subscriber's bounded buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The underlying reader, for callers that prefer <see cref="ChannelReader{T}"/>.</summary>
    public ChannelReader<RuntimeEvent> Reader => _channel.Reader;

    /// <summary>Ends the stream after the events already buffered; further events are not delivered.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    /// <inheritdoc />
    public async IAsyncEnumerator<RuntimeEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var item in _channel.Reader.ReadAllAsync(cancellationToken))
        {
            yield return item;
        }
    }

    /// <summary>Reads events until one satisfies <paramref name="last"/> (inclusive) or the stream ends.</summary>
    public async IAsyncEnumerable<RuntimeEvent> ReadUntilAsync(Func<RuntimeEvent, bool> last, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(last);
        await foreach (var item in _channel.Reader.ReadAllAsync(cancellationToken))
        {
            yield return item;
            if (last(item))
            {
                yield break;
            }
        }
    }

    /// <summary>Unsubscribes and completes the stream.</summary>
    public void Dispose()
    {
        _hub.Remove(this);
        Complete();
    }

    internal void Offer(RuntimeEvent runtimeEvent)
    {
        if (_filter is null || _filter(runtimeEvent))
        {
            _channel.Writer.TryWrite(runtimeEvent);
        }
    }
}
