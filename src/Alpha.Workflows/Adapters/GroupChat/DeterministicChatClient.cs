using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Alpha.Workflows.Adapters.GroupChat;

/// <summary>
/// The model of a <c>deterministic</c> agent inside a group chat: its answer is a pure function of the messages it
/// is given, so the framework's chat agent runs it like any model, with no network and no tokens.
/// </summary>
public sealed class DeterministicChatClient(Func<IReadOnlyList<ChatMessage>, string> answer) : IChatClient
{
    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer([.. messages]))) { ModelId = "deterministic" });
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var text = answer([.. messages]);
        await Task.CompletedTask.ConfigureAwait(false);
        yield return new ChatResponseUpdate(ChatRole.Assistant, text) { ModelId = "deterministic" };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing to release.
    }
}
