using System.Runtime.ExceptionServices;

namespace Alpha.Workflows.Adapters.GroupChat;

/// <summary>
/// What one group-chat node execution said, turn by turn, and the first failure of any participant's model call.
/// Participants speak one at a time (the framework's group chat host hands out one turn token at a time), so turns
/// are appended in speaking order. A failure is kept with its original type (a cost cap, a replay miss) and rethrown
/// by <see cref="ThrowIfFailed"/>: the framework reports executor failures as events, which would lose the type.
/// </summary>
public sealed class GroupChatTranscript(Action<ChatTurn>? onTurn = null)
{
    private readonly List<ChatTurn> _turns = [];
    private readonly object _gate = new();
    private ExceptionDispatchInfo? _failure;

    /// <summary>The turns so far, in speaking order.</summary>
    public IReadOnlyList<ChatTurn> Turns
    {
        get
        {
            lock (_gate)
            {
                return [.. _turns];
            }
        }
    }

    /// <summary>The last turn, or null before anyone spoke.</summary>
    public ChatTurn? Last
    {
        get
        {
            lock (_gate)
            {
                return _turns.Count == 0 ? null : _turns[^1];
            }
        }
    }

    /// <summary>True once a participant's call failed.</summary>
    public bool Failed => Volatile.Read(ref _failure) is not null;

    /// <summary>Appends an answered turn and reports it.</summary>
    public ChatTurn Add(string agent, string text)
    {
        ChatTurn turn;
        lock (_gate)
        {
            turn = new ChatTurn(_turns.Count, agent, text);
            _turns.Add(turn);
        }

        onTurn?.Invoke(turn);
        return turn;
    }

    /// <summary>Keeps the first failure of a participant's call.</summary>
    public void Fail(Exception exception) =>
        Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(exception), null);

    /// <summary>Rethrows the first failure, with its original type and stack.</summary>
    public void ThrowIfFailed() => Volatile.Read(ref _failure)?.Throw();
}
