namespace Alpha.Runtime.Llm;

/// <summary>
/// Where the model lives: <see cref="OpenAICompatibleOptions"/> from the environment or from a named preset
/// (openrouter, openai, ollama, vllm). The environment is read through a delegate so callers and tests can
/// supply their own. No model is ever chosen here: the caller names it.
/// </summary>
public static class LlmEndpoints
{
    /// <summary>Overrides the endpoint: any OpenAI-compatible base URL (e.g. <c>http://gpu-box:8000/v1</c>).</summary>
    public const string BaseUrlVariable = "ALPHA_LLM_BASE_URL";

    /// <summary>The key for <see cref="BaseUrlVariable"/>; optional (local servers need none).</summary>
    public const string ApiKeyVariable = "ALPHA_LLM_API_KEY";

    /// <summary>An OpenRouter key; used when <see cref="BaseUrlVariable"/> is not set.</summary>
    public const string OpenRouterApiKeyVariable = "OPENROUTER_API_KEY";

    /// <summary>How long one model call may take in all, in seconds (default 60, <c>0</c> for no limit); see <see cref="OpenAICompatibleOptions.Timeout"/>.</summary>
    public const string TimeoutVariable = "ALPHA_LLM_TIMEOUT_SECONDS";

    /// <summary>An OpenAI key, for the <c>openai</c> preset.</summary>
    public const string OpenAIApiKeyVariable = "OPENAI_API_KEY";

    /// <summary>The names <see cref="FromPreset"/> accepts.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = ["openrouter", "openai", "ollama", "vllm"];

    /// <summary>OpenRouter's API base URL.</summary>
    public static Uri OpenRouterBaseUrl { get; } = new("https://openrouter.ai/api/v1");

    /// <summary>OpenAI's API base URL.</summary>
    public static Uri OpenAIBaseUrl { get; } = new("https://api.openai.com/v1");

    /// <summary>A local Ollama server's OpenAI-compatible base URL.</summary>
    public static Uri OllamaBaseUrl { get; } = new("http://localhost:11434/v1");

    /// <summary>A local vLLM server's default base URL.</summary>
    public static Uri VllmBaseUrl { get; } = new("http://localhost:8000/v1");

    /// <summary>
    /// The configured endpoint for <paramref name="model"/>: <c>ALPHA_LLM_BASE_URL</c> (with the optional
    /// <c>ALPHA_LLM_API_KEY</c>) when set; else OpenRouter when <c>OPENROUTER_API_KEY</c> is set; else null,
    /// meaning no model is configured and callers should run deterministically. Blank values count as unset.
    /// </summary>
    /// <param name="model">The model id to call.</param>
    /// <param name="getVariable">Reads an environment variable (null when unset), e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <exception cref="InvalidOperationException"><c>ALPHA_LLM_BASE_URL</c> is not an absolute http(s) URL.</exception>
    public static OpenAICompatibleOptions? FromEnvironment(string model, Func<string, string?> getVariable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(getVariable);
        if (Read(getVariable, BaseUrlVariable) is { } baseUrl)
        {
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidOperationException(
                    $"{BaseUrlVariable} must be an absolute http(s) URL such as http://localhost:11434/v1 (got '{baseUrl}'). Fix or unset it.");
            }

            return new OpenAICompatibleOptions
            {
                Endpoint = endpoint,
                Model = model,
                ApiKey = Read(getVariable, ApiKeyVariable) ?? string.Empty,
                ProviderName = GuessProvider(endpoint),
                Timeout = ReadTimeout(getVariable),
            };
        }

        return Read(getVariable, OpenRouterApiKeyVariable) is { } openRouterKey ? OpenRouter(model, openRouterKey) with { Timeout = ReadTimeout(getVariable) } : null;
    }

    // ALPHA_LLM_TIMEOUT_SECONDS: a whole number of seconds, 0 for none; unset means the client's default.
    private static TimeSpan ReadTimeout(Func<string, string?> getVariable)
    {
        if (Read(getVariable, TimeoutVariable) is not { } text)
        {
            return OpenAICompatibleOptions.DefaultTimeout;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds <= 86_400
            ? seconds == 0 ? System.Threading.Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException($"{TimeoutVariable} must be a whole number of seconds from 0 (no limit) to 86400 (got '{text}'). Fix or unset it.");
    }

    /// <summary><see cref="FromEnvironment(string, Func{string, string?})"/> over the process environment.</summary>
    public static OpenAICompatibleOptions? FromEnvironment(string model) => FromEnvironment(model, Environment.GetEnvironmentVariable);

    /// <summary>
    /// A named preset: <c>openrouter</c> (needs <c>OPENROUTER_API_KEY</c>), <c>openai</c> (needs <c>OPENAI_API_KEY</c>),
    /// <c>ollama</c> or <c>vllm</c> (local, key optional from <c>ALPHA_LLM_API_KEY</c>). Names are case-insensitive.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown preset.</exception>
    /// <exception cref="InvalidOperationException">The preset's key variable is not set.</exception>
    public static OpenAICompatibleOptions FromPreset(string preset, string model, Func<string, string?> getVariable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(preset);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(getVariable);
        return preset.Trim().ToLowerInvariant() switch
        {
            "openrouter" => OpenRouter(model, RequireKey(getVariable, OpenRouterApiKeyVariable, preset)),
            "openai" => OpenAI(model, RequireKey(getVariable, OpenAIApiKeyVariable, preset)),
            "ollama" => Ollama(model) with { ApiKey = Read(getVariable, ApiKeyVariable) ?? string.Empty },
            "vllm" => Vllm(model, Read(getVariable, ApiKeyVariable) ?? string.Empty),
            _ => throw new ArgumentException($"Unknown LLM preset '{preset}'. Known presets: {string.Join(", ", PresetNames)}.", nameof(preset)),
        };
    }

    /// <summary>OpenRouter with <paramref name="apiKey"/>; the optional referer and title attribute the calls to your app.</summary>
    public static OpenAICompatibleOptions OpenRouter(string model, string apiKey, string? httpReferer = null, string? appTitle = null) => new()
    {
        Endpoint = OpenRouterBaseUrl,
        Model = model,
        ApiKey = apiKey,
        HttpReferer = httpReferer,
        AppTitle = appTitle,
        ProviderName = "openrouter",
    };

    /// <summary>OpenAI itself.</summary>
    public static OpenAICompatibleOptions OpenAI(string model, string apiKey) => new()
    {
        Endpoint = OpenAIBaseUrl,
        Model = model,
        ApiKey = apiKey,
        ProviderName = "openai",
    };

    /// <summary>A local Ollama server (no key); <paramref name="endpoint"/> overrides <see cref="OllamaBaseUrl"/>.</summary>
    public static OpenAICompatibleOptions Ollama(string model, Uri? endpoint = null) => new()
    {
        Endpoint = endpoint ?? OllamaBaseUrl,
        Model = model,
        ProviderName = "ollama",
    };

    /// <summary>A vLLM server; the key is only needed when it was started with <c>--api-key</c>.</summary>
    public static OpenAICompatibleOptions Vllm(string model, string apiKey = "", Uri? endpoint = null) => new()
    {
        Endpoint = endpoint ?? VllmBaseUrl,
        Model = model,
        ApiKey = apiKey,
        ProviderName = "vllm",
    };

    private static string? Read(Func<string, string?> getVariable, string name) =>
        getVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string RequireKey(Func<string, string?> getVariable, string name, string preset) =>
        Read(getVariable, name) ?? throw new InvalidOperationException($"The '{preset}' LLM preset needs {name}; set it to your API key.");

    private static string GuessProvider(Uri endpoint) => endpoint switch
    {
        { Host: "openrouter.ai" } => "openrouter",
        { Host: "api.openai.com" } => "openai",
        { Port: 11434 } => "ollama",
        _ => "openai-compatible",
    };
}
