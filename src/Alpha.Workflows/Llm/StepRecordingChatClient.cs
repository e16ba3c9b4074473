using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace Alpha.Workflows.Llm;

/// <summary>
/// Hands every model call of one node execution (plain or streaming, answered or failed) to
/// <c>record</c> with its request hash and full response, so the ledger can serve it again in recorded replay.
/// </summary>
internal sealed class StepRecordingChatClient(IChatClient inner, string model, Action<RecordedCall> record, TimeProvider time) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var start = time.GetTimestamp();
        try
        {
            var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
            Record(list, response.Text, response.Usage, null, start);
            return response;
        }
        catch (Exception ex)
        {
            Record(list, null, null, ex is OperationCanceledException ? "cancelled" : ex.Message, start);
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var start = time.GetTimestamp();
        var text = new StringBuilder();
        UsageDetails? usage = null;
        await using var enumerator = base.GetStreamingResponseAsync(list, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (Exception ex)
            {
                Record(list, null, usage, ex is OperationCanceledException ? "cancelled" : ex.Message, start);
                throw;
            }

            var update = enumerator.Current;
            text.Append(update.Text);
            foreach (var content in update.Contents.OfType<UsageContent>())
            {
                usage ??= new UsageDetails();
                usage.Add(content.Details);
            }

            yield return update;
        }

        Record(list, text.ToString(), usage, null, start);
    }

    private void Record(IList<ChatMessage> messages, string? response, UsageDetails? usage, string? error, long start) =>
        record(new RecordedCall(
            model,
            RequestHash.Compute(model, messages),
            RequestHash.Text(messages),
            response,
            usage?.InputTokenCount ?? 0,
            usage?.OutputTokenCount ?? 0,
            time.GetElapsedTime(start).TotalMilliseconds,
            error));
}
