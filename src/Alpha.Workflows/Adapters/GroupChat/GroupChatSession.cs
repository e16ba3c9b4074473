using Alpha.Workflows.Nodes;
using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;

namespace Alpha.Workflows.Adapters.GroupChat;

/// <summary>
/// One group-chat node execution over Agent Framework: each Alpha agent becomes a framework
/// <see cref="ChatClientAgent"/> over the per-agent client the runtime gives (cost caps, step recording, recorded
/// replay) or a <see cref="DeterministicChatClient"/>; the chat itself is the framework's group chat
/// (<see cref="AgentWorkflowBuilder.CreateGroupChatBuilderWith"/>) with the adapter's <see cref="GroupChatManager"/>,
/// run in process and streamed. A kill cancels the framework run (between turns) and the in-flight model call.
/// </summary>
public sealed class GroupChatSession
{
    private readonly NodeInvocation _invocation;
    private readonly CancellationToken _nodeToken;

    /// <summary>Creates the session of one node execution.</summary>
    /// <param name="invocation">The node execution.</param>
    /// <param name="onTurn">Called after every answered turn (the adapter emits its turn frame here).</param>
    /// <param name="nodeToken">The node's token: the kill switch and the run's end.</param>
    public GroupChatSession(NodeInvocation invocation, Action<ChatTurn>? onTurn, CancellationToken nodeToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        _invocation = invocation;
        _nodeToken = nodeToken;
        Transcript = new GroupChatTranscript(onTurn);
    }

    /// <summary>Every answered turn of this execution, in speaking order.</summary>
    public GroupChatTranscript Transcript { get; }

    /// <summary>The framework agent for <paramref name="participant"/> (one per node execution: its session is its memory).</summary>
    public AIAgent CreateAgent(GroupChatParticipant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        var name = participant.Spec.Name;
        var model = _invocation.ChatClient(name) ?? (IChatClient)new DeterministicChatClient(participant.Deterministic);
        var client = new TurnChatClient(model, name, participant.SystemPrompt, Transcript, _invocation.EmitToken, _nodeToken);
        return new ChatClientAgent(client, new ChatClientAgentOptions { Id = name, Name = name, Description = participant.Spec.Description });
    }

    /// <summary>
    /// Runs a group chat of <paramref name="participants"/> on <paramref name="prompt"/> until <paramref name="managerFactory"/>'s
    /// manager ends it. Throws the first participant failure with its type, or <see cref="OperationCanceledException"/> when killed.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<AIAgent> participants, Func<IReadOnlyList<AIAgent>, GroupChatManager> managerFactory, string prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(managerFactory);
        var workflow = AgentWorkflowBuilder.CreateGroupChatBuilderWith(managerFactory).AddParticipants(participants).Build();
        string? engineError = null;
        await using (var run = await InProcessExecution.RunStreamingAsync(workflow, new List<ChatMessage> { new(ChatRole.User, prompt) }, cancellationToken: CancellationToken.None).ConfigureAwait(false))
        {
            // As for the whole workflow: only CancelRunAsync stops the framework's executors.
            await using var onKill = cancellationToken.Register(() => run.CancelRunAsync().AsTask());
            await run.TrySendMessageAsync(new TurnToken(emitEvents: false)).ConfigureAwait(false);
            try
            {
                await foreach (var evt in run.WatchStreamAsync(cancellationToken).ConfigureAwait(false))
                {
                    switch (evt)
                    {
                        case WorkflowErrorEvent error:
                            engineError ??= error.Exception?.Message ?? error.Data?.ToString();
                            break;
                        case ExecutorFailedEvent failed:
                            engineError ??= $"{failed.ExecutorId}: {failed.Data}";
                            break;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Decided below: a kill wins over whatever the engine reported while stopping.
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        Transcript.ThrowIfFailed();
        if (engineError is not null)
        {
            throw new InvalidOperationException($"the group chat failed in the engine: {engineError}");
        }
    }

    /// <summary>One more turn outside the chat (a judge): <paramref name="agent"/> answers <paramref name="prompt"/>.</summary>
    public async Task<string> AskAsync(AIAgent agent, string prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        try
        {
            var response = await agent.RunAsync(prompt, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Text;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested && Transcript.Failed)
        {
            Transcript.ThrowIfFailed();
            throw;
        }
    }
}
