using System.Text;

namespace Alpha.Runtime.Llm;

/// <summary>
/// Where and how <see cref="OpenAICompatibleChatClient"/> reaches an OpenAI-compatible chat completions
/// endpoint (OpenAI, OpenRouter, vLLM, Ollama's <c>/v1</c>, ...). Build one by hand or through
/// <see cref="LlmEndpoints"/>; call <see cref="Validate"/> at start-up (the client does it too).
/// </summary>
public sealed record OpenAICompatibleOptions
{
    /// <summary>The default of <see cref="Timeout"/>: 60 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The default of <see cref="MaxRetries"/>: 3.</summary>
    public const int DefaultMaxRetries = 3;

    /// <summary>The default of <see cref="RetryBaseDelay"/>: 1 second.</summary>
    public static readonly TimeSpan DefaultRetryBaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>The default of <see cref="MaxRetryDelay"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultMaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The API base URL, up to and including the version segment, e.g. <c>https://openrouter.ai/api/v1</c>
    /// or <c>http://localhost:11434/v1</c>; requests go to <c>{Endpoint}/chat/completions</c>.
    /// </summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The model id sent with every request unless <c>ChatOptions.ModelId</c> overrides it. There is no default.</summary>
    public required string Model { get; init; }

    /// <summary>The bearer key; empty for local servers that need none (a placeholder is sent then).</summary>
    public string ApiKey { get; init; } = string.Empty;

    /// <summary>
    /// How long one call may take in all, retries and backoff included (and, when streaming, until the
    /// last chunk); <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Retries after the first attempt for 408, 429, 5xx and connection failures (0 disables retrying).</summary>
    public int MaxRetries { get; init; } = DefaultMaxRetries;

    /// <summary>The first backoff delay; each retry doubles it, with jitter. Ignored when the server sends Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = DefaultRetryBaseDelay;

    /// <summary>The longest single wait between attempts, whether computed or asked for by a Retry-After header.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = DefaultMaxRetryDelay;

    /// <summary>Sent as <c>HTTP-Referer</c> when set (OpenRouter uses it to attribute the app).</summary>
    public string? HttpReferer { get; init; }

    /// <summary>Sent as <c>X-Title</c> when set (OpenRouter shows it as the app name).</summary>
    public string? AppTitle { get; init; }

    /// <summary>The provider reported in metadata and telemetry (<c>gen_ai.provider.name</c>), e.g. <c>openrouter</c>, <c>ollama</c>.</summary>
    public string ProviderName { get; init; } = "openai";

    /// <summary>Checks every setting and reports all problems at once.</summary>
    /// <exception cref="InvalidOperationException">At least one setting is invalid; the message lists each with what to do.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (Endpoint is null)
        {
            problems.Add("Endpoint is required: set it to the API base URL, e.g. https://openrouter.ai/api/v1 or http://localhost:11434/v1.");
        }
        else if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"Endpoint must be an absolute http or https URL such as http://localhost:11434/v1 (got '{Endpoint}').");
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            problems.Add("Model is required: name the model to call, e.g. 'openai/gpt-4o-mini' on OpenRouter or 'llama3.1' on Ollama.");
        }

        if (ApiKey is null)
        {
            problems.Add("ApiKey must not be null; use an empty string for servers that need no key.");
        }

        if (Timeout != System.Threading.Timeout.InfiniteTimeSpan && (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromDays(1)))
        {
            problems.Add($"Timeout must be positive and at most a day, or Timeout.InfiniteTimeSpan (got {Timeout}).");
        }

        if (MaxRetries is < 0 or > 20)
        {
            problems.Add($"MaxRetries must be between 0 and 20 (got {MaxRetries}).");
        }

        if (RetryBaseDelay < TimeSpan.Zero)
        {
            problems.Add($"RetryBaseDelay must not be negative (got {RetryBaseDelay}).");
        }

        if (MaxRetryDelay < TimeSpan.Zero)
        {
            problems.Add($"MaxRetryDelay must not be negative (got {MaxRetryDelay}).");
        }

        if (string.IsNullOrWhiteSpace(ProviderName))
        {
            problems.Add("ProviderName must not be empty (e.g. 'openai', 'openrouter', 'ollama', 'vllm').");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Invalid {nameof(OpenAICompatibleOptions)}: {string.Join(" ", problems)}");
        }
    }

    // Records print every property; the key must never reach a log line or an exception message.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Endpoint = ").Append(Endpoint)
            .Append(", Model = ").Append(Model)
            .Append(", ApiKey = ").Append(string.IsNullOrEmpty(ApiKey) ? "(none)" : "(redacted)")
            .Append(", Timeout = ").Append(Timeout)
            .Append(", MaxRetries = ").Append(MaxRetries)
            .Append(", RetryBaseDelay = ").Append(RetryBaseDelay)
            .Append(", MaxRetryDelay = ").Append(MaxRetryDelay)
            .Append(", ProviderName = ").Append(ProviderName);
        return true;
    }
}
