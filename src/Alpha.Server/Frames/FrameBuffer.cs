using System.Threading.Channels;
using Alpha.Platform.Ledger;

namespace Alpha.Server.Frames;

/// <summary>
/// One live run's frames in this process: every frame since the first, and a channel per subscriber. Subscribing
/// copies the frames so far and registers the channel under one lock, so a subscriber sees each frame exactly once,
/// in sequence order, however late it comes.
/// </summary>
internal sealed class FrameBuffer(string taskId)
{
    private readonly object _gate = new();
    private readonly List<RunFrame> _frames = [];
    private readonly List<(Channel<RunFrame> Channel, long After)> _subscribers = [];
    private bool _completed;

    public string TaskId => taskId;

    public string? RunId { get; private set; }

    public void Add(RunFrame frame)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            RunId ??= frame.RunId;
            _frames.Add(frame);
            foreach (var (subscriber, after) in _subscribers)
            {
                // A feed that fills the buffer after subscribers came (a relayed run) adds frames they asked to skip.
                if (frame.Sequence > after)
                {
                    subscriber.Writer.TryWrite(frame);
                }
            }
        }
    }

    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (var (subscriber, _) in _subscribers)
            {
                subscriber.Writer.TryComplete();
            }

            _subscribers.Clear();
        }
    }

    /// <summary>Frames after <paramref name="afterSequence"/>: those so far, then live ones until the run ends.</summary>
    public ChannelReader<RunFrame> Subscribe(long afterSequence, out Action unsubscribe)
    {
        var channel = Channel.CreateUnbounded<RunFrame>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
        lock (_gate)
        {
            foreach (var frame in _frames)
            {
                if (frame.Sequence > afterSequence)
                {
                    channel.Writer.TryWrite(frame);
                }
            }

            if (_completed)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _subscribers.Add((channel, afterSequence));
            }
        }

        unsubscribe = () =>
        {
            lock (_gate)
            {
                _subscribers.RemoveAll(s => s.Channel == channel);
            }
        };
        return channel.Reader;
    }
}
