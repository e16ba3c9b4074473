using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Alpha.Runtime.Llm;
using Alpha.Runtime.Security;
using OllamaSharp;

namespace Alpha.Server.Models;

/// <summary>
/// The model providers configured for this server (environment and the active vLLM profile) and their health probes:
/// <c>GET {base_url}/models</c> for an OpenAI-compatible endpoint, Ollama's <c>/api/tags</c> and <c>/api/ps</c> through
/// OllamaSharp. A probe never throws and never reports a key.
/// </summary>
public sealed class ModelProviders(ServerOptions options, LlmProfiles profiles) : IDisposable
{
    /// <summary>The variable holding a configured Ollama's native API root, e.g. <c>http://127.0.0.1:11434</c>.</summary>
    public const string OllamaUrlVariable = "ALPHA_OLLAMA_URL";

    /// <summary>How long one probe may take.</summary>
    public static TimeSpan ProbeTimeout { get; } = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http = new() { Timeout = ProbeTimeout };
    private HttpClient? _ollamaHttp;

    /// <summary>The configured Ollama's root; null when none is configured (or the value is not an http(s) URL).</summary>
    public Uri? OllamaUrl => Read(OllamaUrlVariable) is { } text && Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;

    /// <summary>Every configured provider, the active one marked.</summary>
    public IReadOnlyList<ModelProvider> List()
    {
        var list = new List<ModelProvider>();
        var active = profiles.Active;
        if (Read(LlmEndpoints.BaseUrlVariable) is { } baseUrl)
        {
            list.Add(new ModelProvider("llm", KindOf(baseUrl), baseUrl, Read(LlmEndpoints.ApiKeyVariable) ?? string.Empty, active is null, []));
        }
        else if (Read(LlmEndpoints.OpenRouterApiKeyVariable) is { } key)
        {
            list.Add(new ModelProvider("openrouter", "openrouter", LlmEndpoints.OpenRouterBaseUrl.ToString(), key, active is null, []));
        }

        if (Read(OllamaUrlVariable) is { } ollama)
        {
            list.Add(new ModelProvider("ollama", "ollama", ollama, string.Empty, false, []));
        }

        if (active is not null)
        {
            list.Add(new ModelProvider($"vllm:{active.Name}", "vllm", active.BaseUrl!.ToString(), profiles.KeyOf(active), true, active.Models));
        }

        return list;
    }

    /// <summary>Probes <paramref name="provider"/>: its health and the models it serves (and, for Ollama, the ones loaded now).</summary>
    public async Task<(ProviderHealth Health, IReadOnlyList<string> Models, IReadOnlyList<string>? Running)> ProbeAsync(ModelProvider provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var clock = options.Time.GetTimestamp();
        try
        {
            if (!Uri.TryCreate(provider.BaseUrl, UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https"))
            {
                return (Health("error", clock, $"'{provider.BaseUrl}' is not an absolute http(s) URL"), [], null);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            return provider.Name == "ollama"
                ? await ProbeOllamaAsync(root, clock, timeout.Token).ConfigureAwait(false)
                : await ProbeOpenAIAsync(root, provider.ApiKey, clock, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return (Health("unauthorized", clock, $"the endpoint refused the key (HTTP {(int)ex.StatusCode})"), [], null);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is { } status)
        {
            return (Health("error", clock, $"HTTP {(int)status} from the endpoint"), [], null);
        }
        catch (HttpRequestException ex)
        {
            return (Health("unreachable", clock, Redact(ex.Message)), [], null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (Health("unreachable", clock, $"no answer within {ProbeTimeout.TotalSeconds:0} s"), [], null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return (Health("error", clock, Redact($"{ex.GetType().Name}: {ex.Message}")), [], null);
        }
    }

    /// <summary>
    /// A client of the configured Ollama's native API (long operations: no overall timeout) over one HTTP client the
    /// server keeps (OllamaSharp leaves a given HTTP client open when it is disposed); null when none is configured.
    /// </summary>
    public OllamaApiClient? OllamaClient() =>
        OllamaUrl is { } url ? new OllamaApiClient(LazyInitializer.EnsureInitialized(ref _ollamaHttp, () => new HttpClient { BaseAddress = url, Timeout = Timeout.InfiniteTimeSpan })) : null;

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _ollamaHttp?.Dispose();
    }

    private async Task<(ProviderHealth, IReadOnlyList<string>, IReadOnlyList<string>?)> ProbeOpenAIAsync(Uri root, string key, long clock, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(root.ToString().TrimEnd('/') + "/models"));
        if (key.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return (Health("unauthorized", clock, $"the endpoint refused the key (HTTP {(int)response.StatusCode})"), [], null);
        }

        if (!response.IsSuccessStatusCode)
        {
            return (Health("error", clock, $"HTTP {(int)response.StatusCode} from GET /models"), [], null);
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        string[] models = body?["data"] is JsonArray data ? [.. data.Select(m => (string?)m?["id"]).OfType<string>()] : [];
        return (Health("ok", clock, Count(models.Length)), models, null);
    }

    private async Task<(ProviderHealth, IReadOnlyList<string>, IReadOnlyList<string>?)> ProbeOllamaAsync(Uri root, long clock, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = root, Timeout = ProbeTimeout };
        using var ollama = new OllamaApiClient(http);
        var local = await ollama.ListLocalModelsAsync(cancellationToken).ConfigureAwait(false);
        var running = await ollama.ListRunningModelsAsync(cancellationToken).ConfigureAwait(false);
        string[] models = [.. local.Select(m => m.Name)];
        return (Health("ok", clock, Count(models.Length)), models, [.. running.Select(m => m.Name)]);
    }

    private ProviderHealth Health(string status, long clock, string detail) => new(status, (long)options.Time.GetElapsedTime(clock).TotalMilliseconds, detail, options.Time.GetUtcNow());

    private static string Count(int models) => models == 1 ? "1 model" : $"{models} models";

    private static string Redact(string text) => SecretRedactor.Default.Redact(text);

    private string? Read(string variable) => options.Environment(variable) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string KindOf(string baseUrl) => Uri.TryCreate(baseUrl, UriKind.Absolute, out var url)
        ? url switch
        {
            { Host: "openrouter.ai" } => "openrouter",
            { Host: "api.openai.com" } => "openai",
            { Port: 11434 } => "ollama",
            _ => "openai-compatible",
        }
        : "openai-compatible";
}
