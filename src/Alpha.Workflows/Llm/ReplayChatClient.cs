using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Alpha.Workflows.Llm;

/// <summary>
/// Recorded replay: answers every model call from the calls a previous run recorded (matched by node and
/// request hash, in order), with no usage (zero tokens) and no network. A call that was never recorded fails
/// with <see cref="ReplayMissException"/>.
/// </summary>
internal sealed class ReplayChatClient(RecordedCalls recorded, string nodeId, string model) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Take(messages))) { ModelId = model });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var text = Take(messages);
        await Task.CompletedTask.ConfigureAwait(false);
        yield return new ChatResponseUpdate(ChatRole.Assistant, text) { ModelId = model };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        // Nothing to release: the recorded calls belong to the caller.
    }

    private string Take(IEnumerable<ChatMessage> messages)
    {
        var hash = RequestHash.Compute(model, messages);
        return recorded.Take(nodeId, hash)
            ?? throw new ReplayMissException($"node '{nodeId}' asked model '{model}' for a call the recorded run never made (request hash {hash[..12]}); replay it with --mode live");
    }
}
