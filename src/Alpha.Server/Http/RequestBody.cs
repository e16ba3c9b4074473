using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Runtime.Security;
using Microsoft.AspNetCore.Http;

namespace Alpha.Server.Http;

/// <summary>Reads request bodies under the input limits (size, then depth and YAML aliases where the document is parsed).</summary>
internal static class RequestBody
{
    /// <summary>The body as text; <see cref="InputLimitExceededException"/> when it is larger than the limit.</summary>
    public static async Task<string> ReadTextAsync(HttpRequest request, InputLimits limits, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length && length > limits.MaxBytes)
        {
            throw new InputLimitExceededException("max_bytes", limits.MaxBytes, InputLimits.MaxBytesVariable, $"the request body has {length} bytes");
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        return await InputChecks.ReadToEndAsync(reader, limits, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the request says its body is YAML (<c>application/yaml</c>, <c>text/yaml</c>, <c>application/x-yaml</c>).</summary>
    public static bool IsYaml(HttpRequest request) =>
        request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>True when the request says its body is JSON.</summary>
    public static bool IsJson(HttpRequest request) =>
        request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The body as a JSON object (an empty body is an empty object); or the problem to answer when it is not one.</summary>
    public static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, InputLimits limits, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await ReadTextAsync(request, limits, cancellationToken).ConfigureAwait(false);
        }
        catch (InputLimitExceededException ex)
        {
            return (null, Problems.TooLarge(ex));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return ([], null);
        }

        try
        {
            InputChecks.CheckJson(text, limits);
            return JsonNode.Parse(text) is JsonObject body ? (body, null) : (null, Problems.Field("$", "the body must be a JSON object"));
        }
        catch (InputLimitExceededException ex)
        {
            return (null, Problems.TooLarge(ex));
        }
        catch (JsonException ex)
        {
            return (null, Problems.Field("$", $"the body is not valid JSON: {ex.Message}", ex.LineNumber + 1));
        }
    }
}
