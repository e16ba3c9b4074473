using System.Collections.Concurrent;
using System.Threading.Channels;
using Alpha.Platform.Ledger;
using Alpha.Runtime.Security;

namespace Alpha.Server.Frames;

/// <summary>
/// The live frames of the runs this process executes, by task id: fed by the same frame objects the ledger gets
/// (the workflow runtime's and the run recorder's <c>OnFrame</c>), redacted as the ledger redacts them. A run's frames
/// stay here until the run has closed in the ledger; after that the ledger alone serves them.
/// </summary>
public sealed class FrameHub
{
    private readonly ConcurrentDictionary<string, FrameBuffer> _runs = new(StringComparer.Ordinal);

    /// <summary>Task ids of the runs whose frames are held here.</summary>
    public IReadOnlyCollection<string> TaskIds => [.. _runs.Keys];

    /// <summary>Adds one frame of a live run (opening its buffer on the first).</summary>
    public void Publish(RunFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var redacted = frame with { Message = SecretRedactor.Default.Redact(frame.Message), Extras = SecretRedactor.Default.Redact(frame.Extras) };
        _runs.GetOrAdd(frame.TaskId, id => new FrameBuffer(id)).Add(redacted);
    }

    /// <summary>Opens a run's buffer before its first frame, so that a client arriving first waits for it.</summary>
    public void Open(string taskId) => _runs.GetOrAdd(taskId, id => new FrameBuffer(id));

    /// <summary>The run ended and the ledger holds every frame: live subscribers finish, and later ones read the ledger.</summary>
    public void Close(string taskId)
    {
        if (_runs.TryRemove(taskId, out var buffer))
        {
            buffer.Complete();
        }
    }

    /// <summary>A run's buffer, opened if needed, for a feed that adds frames already redacted (<see cref="RelayedFrames"/>).</summary>
    internal FrameBuffer Attach(string taskId) => _runs.GetOrAdd(taskId, id => new FrameBuffer(id));

    /// <summary>Closes <paramref name="buffer"/> and removes it if it is still the run's (a later buffer of the run stays).</summary>
    internal void Detach(string taskId, FrameBuffer buffer)
    {
        _runs.TryRemove(new KeyValuePair<string, FrameBuffer>(taskId, buffer));
        buffer.Complete();
    }

    /// <summary>Subscribes to a live run's frames after <paramref name="afterSequence"/>; false when the run is not live here.</summary>
    internal bool TrySubscribe(string taskId, long afterSequence, out ChannelReader<RunFrame>? frames, out Action? unsubscribe)
    {
        if (_runs.TryGetValue(taskId, out var buffer))
        {
            frames = buffer.Subscribe(afterSequence, out var leave);
            unsubscribe = leave;
            return true;
        }

        frames = null;
        unsubscribe = null;
        return false;
    }
}
