using Alpha.Workflows.Adapters.GroupChat;
using Alpha.Workflows.Nodes;
using Microsoft.Agents.AI.Workflows;

namespace Alpha.Workflows.Adapters.Debate;

/// <summary>
/// The debate itself, shared by the generic <c>debate</c> adapter and hosts' debates (the incident debate): N
/// participants take turns in a framework round-robin group chat (<see cref="RoundRobinGroupChatManager"/> with
/// <c>MaximumIterationCount = N * R</c>), each seeing every earlier argument; the kill switch is checked before every
/// turn and cancels the in-flight call. Each turn is a <c>node.&lt;id&gt;.turn</c> frame (agent, role, round).
/// </summary>
public static class DebateRunner
{
    /// <summary>Runs <paramref name="rounds"/> rounds of <paramref name="participants"/> on <paramref name="prompt"/>.</summary>
    /// <returns>The session (its transcript holds every argument in order; a judge can take one more turn on it).</returns>
    public static async Task<GroupChatSession> RunAsync(NodeInvocation invocation, IReadOnlyList<GroupChatParticipant> participants, int rounds, string prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(participants);
        var count = participants.Count;
        var names = participants.Select(p => p.Spec.Name).ToHashSet(StringComparer.Ordinal);
        var session = new GroupChatSession(
            invocation,
            turn =>
            {
                var isParticipant = names.Contains(turn.Agent) && turn.Index < count * rounds;
                EmitTurn(invocation, turn, isParticipant ? "participant" : "judge", isParticipant ? (turn.Index / count) + 1 : rounds);
            },
            cancellationToken);
        var agents = participants.Select(session.CreateAgent).ToArray();
        await session.RunAsync(
            agents,
            members => new RoundRobinGroupChatManager(members, (_, _, _) => new ValueTask<bool>(cancellationToken.IsCancellationRequested)) { MaximumIterationCount = count * rounds },
            prompt,
            cancellationToken).ConfigureAwait(false);
        return session;
    }

    /// <summary>The transcript as the judge reads it: one line per argument, with its round.</summary>
    public static string Transcript(GroupChatTranscript transcript, int participants)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        return string.Join("\n", transcript.Turns.Select(t => $"[round {(t.Index / Math.Max(1, participants)) + 1}] {t.Agent}: {t.Text}"));
    }

    private static void EmitTurn(NodeInvocation invocation, ChatTurn turn, string role, int round) =>
        invocation.EmitFrame?.Invoke("turn", $"{turn.Agent} ({role}, round {round}): {(turn.Text.Length <= 120 ? turn.Text : turn.Text[..120] + "...")}", new
        {
            node = invocation.NodeId,
            agent = turn.Agent,
            role,
            round,
            turn = turn.Index + 1,
            text = turn.Text,
        });
}
