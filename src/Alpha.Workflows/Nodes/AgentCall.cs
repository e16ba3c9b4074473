using System.Text;
using Alpha.Platform.Specs;
using Microsoft.Extensions.AI;

namespace Alpha.Workflows.Nodes;

/// <summary>
/// One agent's turn inside a node: a streamed model call with the spec's system prompt, or, for a
/// <c>deterministic</c> agent, a rule-based answer computed from the node's inputs and upstream outputs (no model, no tokens).
/// </summary>
internal static class AgentCall
{
    /// <summary>The user message an agent receives: the run's inputs, then the upstream outputs.</summary>
    public static string Prompt(NodeInvocation invocation, string? extra = null)
    {
        var text = new StringBuilder();
        text.Append("inputs: ").Append(invocation.Inputs.ToJsonString());
        foreach (var upstream in invocation.Upstream)
        {
            text.Append('\n').Append(upstream.NodeId).Append(": ").Append(upstream.Text);
        }

        if (extra is not null)
        {
            text.Append('\n').Append(extra);
        }

        return text.ToString();
    }

    /// <summary>Runs <paramref name="agent"/> on <paramref name="prompt"/> and returns its answer.</summary>
    public static async Task<string> RunAsync(AgentSpec agent, NodeInvocation invocation, string prompt, CancellationToken cancellationToken)
    {
        var client = invocation.ChatClient(agent.Name);
        if (client is null)
        {
            // A deterministic agent: a pure function of its name and what it reads, so runs and replays are comparable.
            return Deterministic(agent, invocation);
        }

        List<ChatMessage> messages = [];
        if (!string.IsNullOrWhiteSpace(agent.SystemPrompt))
        {
            messages.Add(new ChatMessage(ChatRole.System, agent.SystemPrompt));
        }

        messages.Add(new ChatMessage(ChatRole.User, prompt));
        var answer = new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync(messages, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!string.IsNullOrEmpty(update.Text))
            {
                answer.Append(update.Text);
                invocation.EmitToken(agent.Name, update.Text);
            }
        }

        return answer.ToString();
    }

    private static string Deterministic(AgentSpec agent, NodeInvocation invocation) => DeterministicAgents.Answer(agent, invocation, own: null);
}
