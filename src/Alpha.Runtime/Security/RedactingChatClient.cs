using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Alpha.Runtime.Security;

/// <summary>
/// Redacts every text a model is sent (<see cref="SecretRedactor"/>), so no secret reaches a provider, whatever
/// an agent put in its prompt. Place it outermost, above recording, so that the recorded request is the one sent.
/// </summary>
public sealed class RedactingChatClient : DelegatingChatClient
{
    private readonly SecretRedactor _redactor;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public RedactingChatClient(IChatClient inner, SecretRedactor? redactor = null)
        : base(inner)
    {
        _redactor = redactor ?? SecretRedactor.Default;
    }

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(Redact(messages), options, cancellationToken);

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(Redact(messages), options, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    private List<ChatMessage> Redact(IEnumerable<ChatMessage> messages)
    {
        var result = new List<ChatMessage>();
        foreach (var message in messages)
        {
            var contents = message.Contents.Select(c => c is TextContent text ? new TextContent(_redactor.Redact(text.Text ?? string.Empty)) : c).ToList();
            result.Add(new ChatMessage(message.Role, contents) { AuthorName = message.AuthorName, MessageId = message.MessageId, AdditionalProperties = message.AdditionalProperties });
        }

        return result;
    }
}
