using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Alpha.Cluster.Runs;

/// <summary>
/// The model client of a resumed run: a request the interrupted run already had answered (same model, same messages:
/// the request hash the ledger keeps) is served from the ledger, with no usage and no network; any other goes to the
/// live model. So a run taken over after a node loss pays again only for the calls that never finished.
/// </summary>
internal sealed class ResumeChatClient(IReadOnlyDictionary<string, Queue<string>> recorded, string model, IChatClient live) : IChatClient
{
    private readonly Lock _gate = new();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        return TryTake(list) is { } text
            ? Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { ModelId = model })
            : live.GetResponseAsync(list, options, cancellationToken);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        if (TryTake(list) is { } text)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, text) { ModelId = model };
            yield break;
        }

        await foreach (var update in live.GetStreamingResponseAsync(list, options, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : live.GetService(serviceType, serviceKey);

    public void Dispose() => live.Dispose();

    private string? TryTake(IList<ChatMessage> messages)
    {
        var hash = ClusterSpecs.Hash(model, messages);
        lock (_gate)
        {
            return recorded.TryGetValue(hash, out var queue) && queue.TryDequeue(out var text) ? text : null;
        }
    }
}
