using Alpha.Platform.Specs;
using Alpha.Workflows.Adapters.GroupChat;
using Alpha.Workflows.Nodes;
using Microsoft.Extensions.AI;

namespace Alpha.Workflows.Adapters.Debate;

/// <summary>
/// The <c>debate</c> adapter: the participants argue for <c>rounds</c> rounds over the same input
/// (<see cref="DebateRunner"/>), then the judge agent reads the whole debate and decides. The node's output is the
/// judge's decision.
/// </summary>
internal sealed class DebateNodeBody(IReadOnlyList<AgentSpec> participants, AgentSpec judge, int rounds) : WorkflowNodeBody
{
    protected override async Task<string> RunCoreAsync(NodeInvocation invocation, CancellationToken cancellationToken)
    {
        var members = participants.Select(p => new GroupChatParticipant(
            p,
            $"{p.SystemPrompt}\n\nYou are one of {participants.Count} participants in a debate of {rounds} round(s) over the same input: {string.Join(", ", participants.Select(x => x.Name))}. Each turn, state your position, answer the other participants' earlier arguments, and say what in the input supports you.".Trim(),
            messages => DeterministicArgument(p, invocation, messages))).ToArray();
        var session = await DebateRunner.RunAsync(invocation, members, rounds, AgentCall.Prompt(invocation), cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        var judgeAgent = session.CreateAgent(new GroupChatParticipant(
            judge,
            $"{judge.SystemPrompt}\n\nYou judge a debate between {string.Join(", ", participants.Select(p => p.Name))}. Decide which position is best supported by the input. Reply with 'WINNER: <participant>' on the first line, then your reasons.".Trim(),
            _ => DeterministicDecision(session.Transcript)));
        return await session.AskAsync(judgeAgent, $"{AgentCall.Prompt(invocation)}\n\nThe debate:\n{DebateRunner.Transcript(session.Transcript, participants.Count)}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A deterministic participant's argument: what it read, in which round, and how many arguments it answers.</summary>
    private string DeterministicArgument(AgentSpec participant, NodeInvocation invocation, IReadOnlyList<ChatMessage> messages)
    {
        // The messages are the system prompt, the debate's input, then every earlier argument.
        var earlier = messages.Count(m => m.Role != ChatRole.System) - 1;
        return $"{participant.Name} (round {(earlier / participants.Count) + 1}): argues from inputs {string.Join(", ", invocation.Inputs.Select(i => i.Key).Order(StringComparer.Ordinal))}; answers {earlier} earlier argument(s)";
    }

    /// <summary>
    /// A deterministic judge's stand-in rule (no model to weigh arguments): the participant whose final argument is
    /// the most complete (the longest; ties go to the earlier speaker) wins.
    /// </summary>
    private string DeterministicDecision(GroupChatTranscript transcript)
    {
        var finals = participants
            .Select((p, i) => (p.Name, i, Text: transcript.Turns.LastOrDefault(t => t.Agent == p.Name)?.Text ?? string.Empty))
            .OrderByDescending(f => f.Text.Length)
            .ThenBy(f => f.i)
            .ToArray();
        return $"WINNER: {finals[0].Name}\n{judge.Name} heard {transcript.Turns.Count} argument(s) over {rounds} round(s); the deterministic rule picks the most complete final argument.";
    }
}
