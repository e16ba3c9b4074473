using System.Runtime.CompilerServices;
using System.Text;
using Alpha.Runtime.Events;
using Microsoft.Extensions.AI;

namespace Alpha.Runtime.Llm;

/// <summary>
/// Wraps an agent's model client for one execution: every call (plain or streaming) is reported as a
/// <see cref="ModelCallCompleted"/> event with its model, tokens, latency, request and response, so the
/// ledger, the live display and any other surface see it through the one event stream.
/// </summary>
public sealed class RecordingChatClient : DelegatingChatClient
{
    private readonly string _executionId;
    private readonly string _agent;
    private readonly Action<RuntimeEvent> _publish;
    private readonly TimeProvider _time;

    /// <summary>Wraps <paramref name="inner"/> for <paramref name="agent"/> in <paramref name="executionId"/>.</summary>
    public RecordingChatClient(IChatClient inner, string executionId, string agent, Action<RuntimeEvent> publish, TimeProvider? timeProvider = null)
        : base(inner)
    {
        _executionId = executionId;
        _agent = agent;
        _publish = publish;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var start = _time.GetTimestamp();
        try
        {
            var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
            Publish(list, options, response.Usage, response.Text, null, start);
            return response;
        }
        catch (Exception ex)
        {
            Publish(list, options, null, null, ex.Message, start);
            throw;
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var start = _time.GetTimestamp();
        var text = new StringBuilder();
        UsageDetails? usage = null;
        await using var enumerator = base.GetStreamingResponseAsync(list, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            ChatResponseUpdate update;
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }

                update = enumerator.Current;
            }
            catch (Exception ex)
            {
                Publish(list, options, usage, text.ToString(), ex.Message, start);
                throw;
            }

            text.Append(update.Text);
            foreach (var content in update.Contents)
            {
                if (content is UsageContent u)
                {
                    usage ??= new UsageDetails();
                    usage.Add(u.Details);
                }
            }

            yield return update;
        }

        Publish(list, options, usage, text.ToString(), null, start);
    }

    private void Publish(IList<ChatMessage> messages, ChatOptions? options, UsageDetails? usage, string? response, string? error, long start)
    {
        var model = options?.ModelId ?? InnerClient.GetService<ChatClientMetadata>()?.DefaultModelId ?? "unknown";
        var request = string.Join("\n", messages.Select(m => $"{m.Role}: {m.Text}"));
        _publish(new ModelCallCompleted(
            _executionId,
            _time.GetUtcNow(),
            _agent,
            model,
            usage?.InputTokenCount ?? 0,
            usage?.OutputTokenCount ?? 0,
            _time.GetElapsedTime(start).TotalMilliseconds,
            request,
            response,
            error));
    }
}
