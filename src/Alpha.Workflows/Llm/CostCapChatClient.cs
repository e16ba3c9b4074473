using System.Runtime.CompilerServices;
using Alpha.Workflows.Control;
using Microsoft.Extensions.AI;

namespace Alpha.Workflows.Llm;

/// <summary>
/// Enforces a run's cost caps around every model call of one node execution: a call whose prompt (estimated at
/// four characters a token) would pass <c>per_node_max_tokens</c> or <c>per_run_max_usd</c> is not made; a call
/// whose reported usage passes a cap throws <see cref="CostCapExceededException"/> after it returns, which stops
/// the run as <c>capped</c>.
/// </summary>
internal sealed class CostCapChatClient(IChatClient inner, CostMeter meter, string nodeExecution, string pricedModel, long? nodeCap) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        meter.CheckBefore(nodeExecution, pricedModel, Estimate(list), nodeCap);
        var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        meter.Add(nodeExecution, pricedModel, response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0, nodeCap);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        meter.CheckBefore(nodeExecution, pricedModel, Estimate(list), nodeCap);
        long input = 0, output = 0;
        await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken).ConfigureAwait(false))
        {
            foreach (var usage in update.Contents.OfType<UsageContent>())
            {
                input += usage.Details.InputTokenCount ?? 0;
                output += usage.Details.OutputTokenCount ?? 0;
            }

            yield return update;
        }

        meter.Add(nodeExecution, pricedModel, input, output, nodeCap);
    }

    /// <summary>A conservative prompt size: about four characters per token (no tokenizer for every provider).</summary>
    internal static long Estimate(IEnumerable<ChatMessage> messages) => messages.Sum(m => (long)(m.Text?.Length ?? 0)) / 4;
}
