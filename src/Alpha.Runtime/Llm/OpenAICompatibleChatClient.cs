using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;
using OpenAIChat = OpenAI.Chat;

namespace Alpha.Runtime.Llm;

/// <summary>
/// An <see cref="IChatClient"/> for any OpenAI-compatible chat completions endpoint (OpenAI, OpenRouter, vLLM,
/// Ollama), written over the OpenAI SDK. Sends system, user and assistant text messages; maps temperature,
/// max output tokens, top-p, penalties, stop sequences and JSON mode. Every response carries the server's
/// token usage (streaming asks for it and ends with a <see cref="UsageContent"/>).
/// </summary>
/// <remarks>
/// Each call is bounded by <see cref="OpenAICompatibleOptions.Timeout"/> (retries included) and fails with
/// <see cref="ModelTimeoutException"/> when it runs out; the caller's token aborts the in-flight request and
/// surfaces as <see cref="OperationCanceledException"/>. 408, 429, 5xx and connection failures are retried up to
/// <see cref="OpenAICompatibleOptions.MaxRetries"/> times, honouring Retry-After; every other failure, and the last
/// retryable one, is a <see cref="ModelCallException"/>. Each call is a <c>chat {model}</c> span with
/// <c>gen_ai.*</c> attributes and is measured in <see cref="Diagnostics.AlphaTelemetry.TokenUsage"/> and
/// <see cref="Diagnostics.AlphaTelemetry.ModelCallDuration"/>.
/// </remarks>
public sealed class OpenAICompatibleChatClient : IChatClient
{
    // Servers that need no key (Ollama, vLLM without --api-key) still get a well-formed Authorization header.
    private const string PlaceholderApiKey = "no-key";

    private readonly OpenAICompatibleOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ApiKeyCredential _credential;
    private readonly ChatClientMetadata _metadata;
    private readonly ConcurrentDictionary<string, OpenAIChat.ChatClient> _clients = new(StringComparer.Ordinal);

    /// <summary>Creates a client.</summary>
    /// <param name="options">Endpoint, key, model, timeout and retry settings; validated here.</param>
    /// <param name="timeProvider">The clock for timeouts, backoff and durations (fake it in tests).</param>
    /// <param name="logger">Receives retries (warning) and completions (debug); prompts are never logged.</param>
    /// <exception cref="InvalidOperationException"><paramref name="options"/> is invalid.</exception>
    public OpenAICompatibleChatClient(OpenAICompatibleOptions options, TimeProvider? timeProvider = null, ILogger<OpenAICompatibleChatClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options with { Endpoint = TrimTrailingSlash(options.Endpoint) };
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _credential = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? PlaceholderApiKey : options.ApiKey);
        _metadata = new ChatClientMetadata(_options.ProviderName, _options.Endpoint, _options.Model);
    }

    /// <summary>The base URL requests go to (without a trailing slash).</summary>
    public Uri Endpoint => _options.Endpoint;

    /// <summary>The model used when <see cref="ChatOptions.ModelId"/> is not set.</summary>
    public string DefaultModel => _options.Model;

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var model = ResolveModel(options);
        var request = OpenAIChatMapping.ToOpenAIMessages(messages, options?.Instructions);
        var completionOptions = OpenAIChatMapping.ToCompletionOptions(options, this);
        var client = GetClient(model);

        using var call = new ModelCallScope(_options, model, streaming: false, _time, cancellationToken);
        try
        {
            var result = await SendWithRetriesAsync(call, model, token => client.CompleteChatAsync(request, completionOptions, token)).ConfigureAwait(false);
            var response = OpenAIChatMapping.ToResponse(result.Value);
            call.Succeeded(response.ModelId, response.Usage);
            OpenAICompatibleLog.Completed(_logger, model, _options.Endpoint, call.Attempts, response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount);
            return response;
        }
        catch (Exception ex)
        {
            var translated = call.Fail(ex);
            if (ReferenceEquals(translated, ex))
            {
                throw;
            }

            throw translated;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var model = ResolveModel(options);
        var request = OpenAIChatMapping.ToOpenAIMessages(messages, options?.Instructions);
        var completionOptions = OpenAIChatMapping.ToCompletionOptions(options, this);
        var client = GetClient(model);

        using var call = new ModelCallScope(_options, model, streaming: true, _time, cancellationToken);

        // The SDK sends the request (with stream_options.include_usage) on the first MoveNextAsync, so that
        // first step is what gets retried; once text has been handed out, a failure is final.
        var (stream, hasCurrent) = await OpenStreamAsync(call, model, client, request, completionOptions).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            UsageDetails? usage = null;
            string? responseModel = null;
            while (hasCurrent)
            {
                var chunk = stream.Current;
                responseModel ??= string.IsNullOrEmpty(chunk.Model) ? null : chunk.Model;
                var update = OpenAIChatMapping.ToUpdate(chunk);
                if (update is not null)
                {
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

                hasCurrent = await MoveNextAsync(call, stream).ConfigureAwait(false);
            }

            call.Succeeded(responseModel, usage);
            OpenAICompatibleLog.Completed(_logger, model, _options.Endpoint, call.Attempts, usage?.InputTokenCount, usage?.OutputTokenCount);
        }
    }

    /// <inheritdoc />
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

        if (serviceType == typeof(OpenAIChat.ChatClient))
        {
            return GetClient(_options.Model);
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The SDK clients share the SDK's pooled HttpClient; there is nothing of ours to release.
    }

    private async Task<(IAsyncEnumerator<OpenAIChat.StreamingChatCompletionUpdate> Stream, bool HasCurrent)> OpenStreamAsync(
        ModelCallScope call,
        string model,
        OpenAIChat.ChatClient client,
        List<OpenAIChat.ChatMessage> request,
        OpenAIChat.ChatCompletionOptions completionOptions)
    {
        try
        {
            return await SendWithRetriesAsync(call, model, async token =>
            {
                var stream = client.CompleteChatStreamingAsync(request, completionOptions, token).GetAsyncEnumerator(token);
                try
                {
                    return (stream, await stream.MoveNextAsync().ConfigureAwait(false));
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
            var translated = call.Fail(ex);
            if (ReferenceEquals(translated, ex))
            {
                throw;
            }

            throw translated;
        }
    }

    private static async Task<bool> MoveNextAsync(ModelCallScope call, IAsyncEnumerator<OpenAIChat.StreamingChatCompletionUpdate> stream)
    {
        try
        {
            return await stream.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var translated = call.Fail(ex);
            if (ReferenceEquals(translated, ex))
            {
                throw;
            }

            throw translated;
        }
    }

    /// <summary>
    /// Sends with <paramref name="send"/> until it succeeds, fails for good, or runs out of retries. Only
    /// <see cref="OperationCanceledException"/> (caller or timeout) escapes untranslated; every other failure
    /// leaves as a <see cref="ModelCallException"/>.
    /// </summary>
    private async Task<T> SendWithRetriesAsync<T>(ModelCallScope call, string model, Func<CancellationToken, Task<T>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            call.Attempts = attempt;
            int? status;
            string? serverMessage;
            Func<string, string?> header;
            bool transient;
            Exception failure;
            try
            {
                return await send(call.Token).ConfigureAwait(false);
            }
            catch (ClientResultException ex)
            {
                // Status 0: no response at all (connection refused, reset, DNS); the cause is the inner exception.
                status = ex.Status == 0 ? null : ex.Status;
                serverMessage = status is null ? null : OpenAIChatMapping.ReadServerMessage(ex);
                var response = ex.GetRawResponse();
                header = name => response is not null && response.Headers.TryGetValue(name, out var value) ? value : null;
                transient = status is null or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;
                failure = status is null && ex.InnerException is { } inner ? inner : ex;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                status = null;
                serverMessage = null;
                header = static _ => null;
                transient = true;
                failure = ex;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Anything else (a reply the SDK cannot parse, say) will not get better by asking again.
                throw new ModelCallException(_options.Endpoint, model, null, null, attempt, ex);
            }

            if (!transient || attempt > _options.MaxRetries)
            {
                throw new ModelCallException(_options.Endpoint, model, status, serverMessage, attempt, failure);
            }

            var delay = RetryDelay.Compute(attempt, _options.RetryBaseDelay, _options.MaxRetryDelay, header, _time.GetUtcNow(), Random.Shared);
            var reason = status is { } code ? $"HTTP {code}" : failure.GetType().Name;
            OpenAICompatibleLog.Retrying(_logger, model, _options.Endpoint, reason, attempt, _options.MaxRetries, delay.TotalMilliseconds);
            call.Activity?.AddEvent(new System.Diagnostics.ActivityEvent("retry", tags: new System.Diagnostics.ActivityTagsCollection
            {
                ["alpha.model.attempt"] = attempt,
                ["alpha.model.retry_reason"] = reason,
                ["alpha.model.retry_delay_ms"] = delay.TotalMilliseconds,
            }));
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, call.Token).ConfigureAwait(false);
            }
        }
    }

    private string ResolveModel(ChatOptions? options) =>
        string.IsNullOrWhiteSpace(options?.ModelId) ? _options.Model : options.ModelId;

    private OpenAIChat.ChatClient GetClient(string model) =>
        _clients.GetOrAdd(model, m => new OpenAIChat.ChatClient(m, _credential, CreateClientOptions()));

    private OpenAIClientOptions CreateClientOptions()
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = _options.Endpoint,
            // Retries are ours (SendWithRetriesAsync): one place decides, honours Retry-After and uses the TimeProvider.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The SDK's per-operation limit (100 s by default) must never cut a call shorter than our own timeout.
            NetworkTimeout = _options.Timeout,
        };

        var headers = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrWhiteSpace(_options.HttpReferer))
        {
            headers.Add(new("HTTP-Referer", _options.HttpReferer));
        }

        if (!string.IsNullOrWhiteSpace(_options.AppTitle))
        {
            headers.Add(new("X-Title", _options.AppTitle));
        }

        if (headers.Count > 0)
        {
            clientOptions.AddPolicy(new RequestHeadersPolicy(headers), PipelinePosition.PerCall);
        }

        return clientOptions;
    }

    private static Uri TrimTrailingSlash(Uri endpoint)
    {
        var text = endpoint.ToString();
        return text.EndsWith('/') ? new Uri(text.TrimEnd('/'), UriKind.Absolute) : endpoint;
    }
}
