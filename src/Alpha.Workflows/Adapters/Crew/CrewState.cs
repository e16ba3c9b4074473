using Alpha.Workflows.Adapters.GroupChat;
using Alpha.Workflows.Control;

namespace Alpha.Workflows.Adapters.Crew;

/// <summary>
/// A crew's progress in one node execution, decided from the transcript: after the manager speaks its directive is
/// read (delegate to a worker, done, or an answer that is neither); after a worker speaks the manager is next.
/// </summary>
internal sealed class CrewState(string manager, IReadOnlyList<string> workers, int maxRounds, GroupChatTranscript transcript)
{
    private string? _outcomeError;
    private bool _boundReached;

    /// <summary>Delegations made so far.</summary>
    public int Rounds { get; private set; }

    /// <summary>The worker to speak next, or null when the manager is next.</summary>
    public string? Delegated { get; private set; }

    /// <summary>The manager's final answer once it said DONE.</summary>
    public string? Final { get; private set; }

    /// <summary>Called by the group chat before every turn: true ends the chat.</summary>
    public bool ShouldEnd(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested || transcript.Failed)
        {
            return true;
        }

        if (transcript.Last is not { } last || last.Agent != manager)
        {
            Delegated = null;
            return false;
        }

        switch (CrewDirective.Parse(last.Text))
        {
            case null:
                _outcomeError = $"crew manager '{manager}' answered neither 'DELEGATE <worker>: <task>' nor 'DONE: <answer>' (workers: {string.Join(", ", workers)}): {Excerpt(last.Text)}";
                return true;
            case { Done: true } done:
                Final = done.Text;
                return true;
            case { Worker: { } worker } when !workers.Contains(worker, StringComparer.Ordinal):
                _outcomeError = $"crew manager '{manager}' delegated to '{worker}', which is not a worker of this crew (workers: {string.Join(", ", workers)})";
                return true;
            case { Worker: { } worker }:
                if (Rounds >= maxRounds)
                {
                    _boundReached = true;
                    return true;
                }

                Rounds++;
                Delegated = worker;
                return false;
            default:
                return true;
        }
    }

    /// <summary>The crew's answer: the manager's DONE text (or the last worker's report when DONE said nothing).</summary>
    /// <exception cref="BoundReachedException">max_rounds was reached before DONE.</exception>
    /// <exception cref="InvalidOperationException">The manager's answer could not be followed.</exception>
    public string Result()
    {
        if (_outcomeError is not null)
        {
            throw new InvalidOperationException(_outcomeError);
        }

        var lastWork = transcript.Turns.LastOrDefault(t => t.Agent != manager);
        if (_boundReached)
        {
            var best = lastWork?.Text ?? transcript.Last?.Text ?? string.Empty;
            throw new BoundReachedException(
                $"crew reached max_rounds {maxRounds} before manager '{manager}' said DONE (it asked for one more: {Excerpt(transcript.Last?.Text ?? string.Empty)}); the output is the best answer so far ({(lastWork is null ? "the manager's" : $"{lastWork.Agent}'s last report")})",
                best);
        }

        if (Final is null)
        {
            throw new InvalidOperationException($"crew manager '{manager}' never said DONE");
        }

        return Final.Length > 0 ? Final : lastWork?.Text ?? string.Empty;
    }

    private static string Excerpt(string text) => text.Length <= 160 ? text.Trim() : text[..160].Trim() + "...";
}
