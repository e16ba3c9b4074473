using System.Runtime.CompilerServices;
using Alpha.Workflows.Control;
using Alpha.Workflows.Llm;
using Microsoft.Extensions.AI;

namespace Alpha.Hosting.Workflows;

/// <summary>
/// Keeps the first run-stopping failure of an SRE agent's model call (a cost cap, a recorded-replay miss). The SRE
/// runtime isolates agent failures (one agent failing never fails the analysis, it falls back to its rules), which
/// would hide them; the node rethrows the kept failure after the analysis so the run still ends capped or failed.
/// </summary>
internal sealed class RunStopWatchChatClient(IChatClient inner, RunStopWatch watch) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CostCapExceededException or ReplayMissException)
        {
            watch.Keep(ex);
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (Exception ex) when (ex is CostCapExceededException or ReplayMissException)
            {
                watch.Keep(ex);
                throw;
            }

            yield return updates.Current;
        }
    }
}
