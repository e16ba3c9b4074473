using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Alpha.Cluster.Tests;

/// <summary>A model that answers "seen: LAST MESSAGE": the reader at once, every other agent once the gate is open (runs stop mid-way, after one recorded step).</summary>
internal sealed class GatedChatClient(ModelGate gate) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await PassAsync(messages, cancellationToken);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, Answer(messages))) { Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5 } };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await PassAsync(messages, cancellationToken);
        yield return new ChatResponseUpdate(ChatRole.Assistant, Answer(messages));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
        // Nothing held.
    }

    private Task PassAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Any(m => m.Role == ChatRole.System && m.Text == "You read."))
        {
            gate.PassFree();
            return Task.CompletedTask;
        }

        return gate.PassAsync(cancellationToken);
    }

    private static string Answer(IEnumerable<ChatMessage> messages) => "seen: " + (messages.LastOrDefault()?.Text ?? "");
}
