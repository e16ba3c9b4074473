using Alpha.Runtime.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alpha.Runtime.Llm;

/// <summary>
/// An <see cref="IChatClient"/> for any OpenAI-compatible chat completions endpoint (OpenAI, OpenRouter, vLLM,
/// Ollama): the OpenAI SDK's client through <c>AsIChatClient()</c> (Microsoft.Extensions.AI.OpenAI), composed
/// with Microsoft.Extensions.AI middleware: function invocation, OpenTelemetry and logging. Every response carries
/// the server's token usage (streaming asks for it and ends with a <see cref="UsageContent"/>).
/// </summary>
/// <remarks>
/// Each call is bounded by <see cref="OpenAICompatibleOptions.Timeout"/> (retries included) and fails with
/// <see cref="ModelTimeoutException"/> when it runs out; the caller's token aborts the in-flight request and
/// surfaces as <see cref="OperationCanceledException"/>. 408, 429, 5xx and connection failures are retried up to
/// <see cref="OpenAICompatibleOptions.MaxRetries"/> times by the shared HTTP policy
/// (<see cref="Resilience.HttpResilience"/>), honouring Retry-After; every other failure, and the last retryable
/// one, is a <see cref="ModelCallException"/>. Each call is a <c>chat {model}</c> span with <c>gen_ai.*</c>
/// attributes and the <c>gen_ai.client.token.usage</c> and <c>gen_ai.client.operation.duration</c> metrics, on
/// the <see cref="AlphaTelemetry.SourceName"/> source and meter.
/// </remarks>
public sealed class OpenAICompatibleChatClient : DelegatingChatClient
{
    private readonly OpenAICompatibleOptions _options;

    /// <summary>Creates a client.</summary>
    /// <param name="options">Endpoint, key, model, timeout and retry settings; validated here.</param>
    /// <param name="timeProvider">The clock for timeouts and backoff (fake it in tests).</param>
    /// <param name="logger">Receives retries (warning) and calls (debug); prompts and replies only at trace.</param>
    /// <exception cref="InvalidOperationException"><paramref name="options"/> is invalid.</exception>
    public OpenAICompatibleChatClient(OpenAICompatibleOptions options, TimeProvider? timeProvider = null, ILogger<OpenAICompatibleChatClient>? logger = null)
        : base(Compose(Validated(options), timeProvider ?? TimeProvider.System, (ILogger?)logger ?? NullLogger.Instance))
    {
        _options = Validated(options);
    }

    /// <summary>The base URL requests go to (without a trailing slash).</summary>
    public Uri Endpoint => _options.Endpoint;

    /// <summary>The model used when <see cref="ChatOptions.ModelId"/> is not set.</summary>
    public string DefaultModel => _options.Model;

    private static IChatClient Compose(OpenAICompatibleOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ChatClientBuilder(new ModelEndpointClient(options, time, logger))
            .UseFunctionInvocation()
            .UseOpenTelemetry(sourceName: AlphaTelemetry.SourceName);
        if (logger is not NullLogger)
        {
            builder.Use(inner => new LoggingChatClient(inner, logger));
        }

        return builder.Build();
    }

    private static OpenAICompatibleOptions Validated(OpenAICompatibleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options with { Endpoint = TrimTrailingSlash(options.Endpoint) };
    }

    private static Uri TrimTrailingSlash(Uri endpoint)
    {
        var text = endpoint.ToString();
        return text.EndsWith('/') ? new Uri(text.TrimEnd('/'), UriKind.Absolute) : endpoint;
    }
}
