using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Alpha.Runtime.Resilience;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI;
using Polly;

namespace Alpha.Runtime.Llm;

/// <summary>
/// The innermost layer of <see cref="OpenAICompatibleChatClient"/>: the OpenAI SDK's chat client as an
/// <see cref="IChatClient"/> (<c>AsIChatClient()</c>, one per model id) behind the shared HTTP retry policy
/// (<see cref="HttpResilience"/>) and a per-call timeout, with failures turned into Alpha's exceptions.
/// </summary>
internal sealed class ModelEndpointClient : IChatClient
{
    // Servers that need no key (Ollama, vLLM without --api-key) still get a well-formed Authorization header.
    private const string PlaceholderApiKey = "no-key";

    private static readonly ResiliencePropertyKey<ModelCallScope> CallKey = new("alpha.model.call");

    private readonly OpenAICompatibleOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OpenAIClient _openAI;
    private readonly ChatClientMetadata _metadata;
    private readonly ResiliencePipeline<object> _pipeline;
    private readonly ConcurrentDictionary<string, IChatClient> _clients = new(StringComparer.Ordinal);

    public ModelEndpointClient(OpenAICompatibleOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _metadata = new ChatClientMetadata(options.ProviderName, options.Endpoint, options.Model);
        _openAI = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? PlaceholderApiKey : options.ApiKey), CreateClientOptions(options));
        _pipeline = HttpResilience.Create<object>(
            new HttpRetryOptions(options.MaxRetries, options.RetryBaseDelay, options.MaxRetryDelay),
            outcome => ModelCallFailure.Classify(outcome.Exception, _time.GetUtcNow()),
            time,
            OnRetryAsync);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var client = ClientFor(options, out var model);
        using var call = new ModelCallScope(_options, model, _time, cancellationToken);
        try
        {
            return (ChatResponse)await ExecuteAsync(call, async token => await client.GetResponseAsync(messages, options, token).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Translated(call, ex);
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var client = ClientFor(options, out var model);
        using var call = new ModelCallScope(_options, model, _time, cancellationToken);

        // The SDK sends the request on the first MoveNextAsync, so that first step is what gets retried; once
        // text has been handed out, a failure is final.
        OpenedStream opened;
        try
        {
            opened = (OpenedStream)await ExecuteAsync(call, async token =>
            {
                var stream = client.GetStreamingResponseAsync(messages, options, token).GetAsyncEnumerator(token);
                try
                {
                    return new OpenedStream(stream, await stream.MoveNextAsync().ConfigureAwait(false));
                }
                catch
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Translated(call, ex);
        }

        await using (opened.Stream.ConfigureAwait(false))
        {
            var hasCurrent = opened.HasCurrent;
            while (hasCurrent)
            {
                yield return opened.Stream.Current;
                try
                {
                    hasCurrent = await opened.Stream.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    throw Translated(call, ex);
                }
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        if (serviceType == typeof(OpenAIClient))
        {
            return _openAI;
        }

        return serviceType.IsInstanceOfType(this) ? this : ClientFor(null, out _).GetService(serviceType);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private static Exception Translated(ModelCallScope call, Exception ex)
    {
        var translated = call.Translate(ex);
        return ReferenceEquals(translated, ex) ? ex : translated;
    }

    private async Task<object> ExecuteAsync(ModelCallScope call, Func<CancellationToken, Task<object>> send)
    {
        var context = ResilienceContextPool.Shared.Get(call.Token);
        context.Properties.Set(CallKey, call);
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    state.Call.Attempts++;
                    return await state.Send(ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (Call: call, Send: send)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ValueTask OnRetryAsync(Polly.Retry.OnRetryArguments<object> args)
    {
        if (args.Context.Properties.TryGetValue(CallKey, out var call))
        {
            var reason = ModelCallFailure.Reason(args.Outcome.Exception);
            OpenAICompatibleLog.Retrying(_logger, call.Model, _options.Endpoint, reason, call.Attempts, _options.MaxRetries, args.RetryDelay.TotalMilliseconds);
            Activity.Current?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection
            {
                ["alpha.model.attempt"] = call.Attempts,
                ["alpha.model.retry_reason"] = reason,
                ["alpha.model.retry_delay_ms"] = args.RetryDelay.TotalMilliseconds,
            }));
        }

        return ValueTask.CompletedTask;
    }

    private IChatClient ClientFor(ChatOptions? options, out string model)
    {
        model = string.IsNullOrWhiteSpace(options?.ModelId) ? _options.Model : options.ModelId;
        return _clients.GetOrAdd(model, m => _openAI.GetChatClient(m).AsIChatClient());
    }

    private static OpenAIClientOptions CreateClientOptions(OpenAICompatibleOptions options)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            // Retries belong to the shared policy (HttpResilience): one place decides, honours Retry-After and uses the TimeProvider.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The SDK's per-operation limit (100 s by default) must never cut a call shorter than our own timeout.
            NetworkTimeout = options.Timeout,
        };

        if (!string.IsNullOrWhiteSpace(options.HttpReferer))
        {
            clientOptions.AddPolicy(new RequestHeadersPolicy([new("HTTP-Referer", options.HttpReferer)]), PipelinePosition.PerCall);
        }

        if (!string.IsNullOrWhiteSpace(options.AppTitle))
        {
            clientOptions.AddPolicy(new RequestHeadersPolicy([new("X-Title", options.AppTitle)]), PipelinePosition.PerCall);
        }

        return clientOptions;
    }

    private sealed record OpenedStream(IAsyncEnumerator<ChatResponseUpdate> Stream, bool HasCurrent);
}
