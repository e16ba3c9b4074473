using Microsoft.Extensions.AI;

namespace Alpha.Cluster.Benchmarks;

/// <summary>A model that never answers: every call waits until its run is killed. Each call that arrives releases <see cref="Arrivals"/>.</summary>
internal sealed class BlockingChatClient(SemaphoreSlim arrivals) : IChatClient
{
    public SemaphoreSlim Arrivals { get; } = arrivals;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Arrivals.Release();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Arrivals.Release();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
        // Nothing held.
    }
}
