using System.Collections.Concurrent;

namespace Alpha.Workflows.Llm;

/// <summary>The answered model calls of a recorded run, by node and request hash, each served once in recorded order.</summary>
public sealed class RecordedCalls
{
    private readonly ConcurrentDictionary<(string Node, string Hash), ConcurrentQueue<string>> _calls = new();

    /// <summary>Adds an answered call of node <paramref name="nodeId"/>.</summary>
    public void Add(string nodeId, string hash, string response) =>
        _calls.GetOrAdd((nodeId, hash), _ => new ConcurrentQueue<string>()).Enqueue(response);

    /// <summary>The next recorded response for this node and request; null when there is none left.</summary>
    public string? Take(string nodeId, string hash) =>
        _calls.TryGetValue((nodeId, hash), out var queue) && queue.TryDequeue(out var response) ? response : null;
}
