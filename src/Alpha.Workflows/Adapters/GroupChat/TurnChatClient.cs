using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace Alpha.Workflows.Adapters.GroupChat;

/// <summary>
/// The outermost client of one group-chat participant (over the runtime's cost-cap, recording and replay middleware,
/// or over a <see cref="DeterministicChatClient"/>): every call is also cancelled by the node's token (so a kill aborts
/// the HTTP request even when the framework's own token is not yet cancelled), streamed text becomes
/// <c>agent.token</c> frames, each answer is one <see cref="ChatTurn"/>, and a failure is kept with its type. The
/// agent's system prompt goes first as a system message (what the wire gets, and what the request hash covers).
/// </summary>
internal sealed class TurnChatClient(IChatClient inner, string agent, string? systemPrompt, GroupChatTranscript transcript, Action<string, string> emitToken, CancellationToken nodeToken)
    : DelegatingChatClient(inner)
{
    private IEnumerable<ChatMessage> WithSystemPrompt(IEnumerable<ChatMessage> messages) =>
        string.IsNullOrWhiteSpace(systemPrompt) ? messages : messages.Prepend(new ChatMessage(ChatRole.System, systemPrompt));

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, nodeToken);
        try
        {
            var response = await base.GetResponseAsync(WithSystemPrompt(messages), options, linked.Token).ConfigureAwait(false);
            transcript.Add(agent, response.Text);
            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            transcript.Fail(ex);
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, nodeToken);
        var text = new StringBuilder();
        await using var updates = base.GetStreamingResponseAsync(WithSystemPrompt(messages), options, linked.Token).GetAsyncEnumerator(linked.Token);
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                transcript.Fail(ex);
                throw;
            }

            var update = updates.Current;
            if (!string.IsNullOrEmpty(update.Text))
            {
                text.Append(update.Text);
                emitToken(agent, update.Text);
            }

            yield return update;
        }

        transcript.Add(agent, text.ToString());
    }
}
