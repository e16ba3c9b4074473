using System.ClientModel;
using System.Net;
using System.Text.Json;
using Alpha.Runtime.Resilience;

namespace Alpha.Runtime.Llm;

/// <summary>How the OpenAI SDK's failures are judged (retry or not) and reported (<see cref="ModelCallException"/>).</summary>
internal static class ModelCallFailure
{
    private const int MaxServerMessageLength = 500;

    /// <summary>408, 429, 5xx and connection failures are retried, honouring Retry-After; everything else is final.</summary>
    public static RetryDecision Classify(Exception? exception, DateTimeOffset now) => exception switch
    {
        ClientResultException { Status: 0 } => RetryDecision.Backoff,
        ClientResultException ex when ex.Status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500 =>
            RetryDecision.Wait(ex.GetRawResponse() is { } response
                ? RetryAfter.FromHeaders(name => response.Headers.TryGetValue(name, out var value) ? value : null, now)
                : null),
        HttpRequestException or IOException => RetryDecision.Backoff,
        _ => RetryDecision.No,
    };

    /// <summary>A short reason for a retry log line: <c>HTTP 503</c> or the exception type.</summary>
    public static string Reason(Exception? exception) => exception switch
    {
        ClientResultException { Status: not 0 } ex => $"HTTP {ex.Status}",
        ClientResultException { InnerException: { } inner } => inner.GetType().Name,
        null => "no reply",
        _ => exception.GetType().Name,
    };

    /// <summary>The <see cref="ModelCallException"/> for a failure that ends the call.</summary>
    public static ModelCallException From(Exception exception, Uri endpoint, string model, int attempts)
    {
        if (exception is ModelCallException call)
        {
            return call;
        }

        if (exception is ClientResultException result)
        {
            // Status 0: no response at all (connection refused, reset, DNS); the cause is the inner exception.
            int? status = result.Status == 0 ? null : result.Status;
            var failure = status is null && result.InnerException is { } inner ? inner : result;
            return new ModelCallException(endpoint, model, status, status is null ? null : ReadServerMessage(result), attempts, failure);
        }

        // A transport failure, or a reply the SDK cannot parse (which will not get better by asking again).
        return new ModelCallException(endpoint, model, null, null, attempts, exception);
    }

    /// <summary>
    /// The server's explanation of a failed request: <c>error.message</c> from an OpenAI-style error body,
    /// else the body itself (truncated); null when there is no readable body.
    /// </summary>
    public static string? ReadServerMessage(ClientResultException exception)
    {
        string? body;
        try
        {
            body = exception.GetRawResponse()?.Content?.ToString();
        }
        catch (InvalidOperationException)
        {
            // The body of a streamed response that was never buffered cannot be read.
            return null;
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return Truncate(error.GetString());
                }

                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return Truncate(message.GetString());
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page from a proxy, say): show the body as it is.
        }

        return Truncate(body.Trim());
    }

    private static string? Truncate(string? text) =>
        text is null || text.Length <= MaxServerMessageLength ? text : string.Concat(text.AsSpan(0, MaxServerMessageLength), "…");
}
