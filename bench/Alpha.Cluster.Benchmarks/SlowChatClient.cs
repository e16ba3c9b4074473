using Microsoft.Extensions.AI;

namespace Alpha.Cluster.Benchmarks;

/// <summary>A model that answers "ok" after a fixed delay: a run's frames are spread over time, as a real run's are.</summary>
internal sealed class SlowChatClient(TimeSpan delay) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await Task.Delay(delay, cancellationToken);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Delay(delay, cancellationToken);
        yield return new ChatResponseUpdate(ChatRole.Assistant, "ok");
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
        // Nothing held.
    }
}
