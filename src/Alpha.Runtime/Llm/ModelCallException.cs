using System.Net;

namespace Alpha.Runtime.Llm;

/// <summary>
/// A model call failed for good: the server refused it (401, 403, 404, 400, ...), kept failing after every
/// retry (429, 5xx), could not be reached, or answered with something that is not a chat completion.
/// The message names the endpoint, the model, the status and the server's own explanation, and says what to check.
/// </summary>
public sealed class ModelCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpoint">The base URL that was called.</param>
    /// <param name="model">The model that was asked for.</param>
    /// <param name="statusCode">The HTTP status of the last attempt; null when no response was received.</param>
    /// <param name="serverMessage">The server's error message (from its <c>error.message</c>, or the raw body), if any.</param>
    /// <param name="attempts">How many requests were sent.</param>
    /// <param name="innerException">The underlying failure.</param>
    public ModelCallException(Uri endpoint, string model, int? statusCode, string? serverMessage, int attempts, Exception? innerException = null)
        : base(Describe(endpoint, model, statusCode, serverMessage, attempts, innerException), innerException)
    {
        Endpoint = endpoint;
        Model = model;
        StatusCode = statusCode;
        ServerMessage = serverMessage;
        Attempts = attempts;
    }

    /// <summary>The base URL that was called.</summary>
    public Uri Endpoint { get; }

    /// <summary>The model that was asked for.</summary>
    public string Model { get; }

    /// <summary>The HTTP status of the last attempt; null when the server could not be reached or the reply could not be read.</summary>
    public int? StatusCode { get; }

    /// <summary>The server's explanation, when it gave one.</summary>
    public string? ServerMessage { get; }

    /// <summary>How many requests were sent (1 + retries).</summary>
    public int Attempts { get; }

    private static string Describe(Uri endpoint, string model, int? statusCode, string? serverMessage, int attempts, Exception? inner)
    {
        var what = statusCode is { } code
            ? $"HTTP {code} ({(HttpStatusCode)code})"
            : inner is null ? "no usable reply" : $"{inner.GetType().Name}: {inner.Message}";
        var tries = attempts == 1 ? "1 attempt" : $"{attempts} attempts";
        var detail = string.IsNullOrWhiteSpace(serverMessage) ? string.Empty : $" Server said: {serverMessage}";
        return $"Model call to '{model}' at {endpoint} failed with {what} after {tries}.{detail} {Hint(statusCode)}".TrimEnd();
    }

    private static string Hint(int? statusCode) => statusCode switch
    {
        401 or 403 => "Check the API key (ALPHA_LLM_API_KEY, OPENROUTER_API_KEY or OPENAI_API_KEY) and that it may use this model.",
        404 => "Check the model id and that the base URL ends with the API version (usually /v1).",
        400 or 422 => "The server rejected the request; check the model id and the options sent (response format, max tokens).",
        408 or 429 => "The server kept throttling or timing out; retry later or raise MaxRetries.",
        >= 500 => "The server kept failing; retry later or use another endpoint.",
        null => "Check that the server is running and reachable at that URL.",
        _ => string.Empty,
    };
}
