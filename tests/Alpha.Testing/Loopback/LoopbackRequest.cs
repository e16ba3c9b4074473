using System.Text.Json;

namespace Alpha.Testing.Loopback;

/// <summary>One request the <see cref="LoopbackOpenAIServer"/> received, for assertions.</summary>
/// <param name="Path">The request path, e.g. <c>/v1/chat/completions</c>.</param>
/// <param name="Body">The JSON body as sent (a detached element).</param>
/// <param name="Headers">Every request header (names case-insensitive; repeated values comma-joined).</param>
public sealed record LoopbackRequest(string Path, JsonElement Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The Authorization header, e.g. <c>Bearer sk-test</c>; null when absent.</summary>
    public string? Authorization => Header("Authorization");

    /// <summary>The <c>model</c> field of the body.</summary>
    public string? Model => StringProperty(Body, "model");

    /// <summary>True when the body asked for a streamed reply.</summary>
    public bool Stream => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;

    /// <summary>True when a streaming body asked for the usage chunk (<c>stream_options.include_usage</c>).</summary>
    public bool IncludeUsage =>
        Body.ValueKind == JsonValueKind.Object
        && Body.TryGetProperty("stream_options", out var o)
        && o.ValueKind == JsonValueKind.Object
        && o.TryGetProperty("include_usage", out var u)
        && u.ValueKind == JsonValueKind.True;

    /// <summary>The <c>messages</c> as (role, text) pairs; array content is joined from its text parts.</summary>
    public IReadOnlyList<(string Role, string Content)> Messages =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
            ? [.. messages.EnumerateArray().Select(m => (StringProperty(m, "role") ?? string.Empty, ContentText(m)))]
            : [];

    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string ContentText(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content))
        {
            return string.Empty;
        }

        return content.ValueKind switch
        {
            JsonValueKind.String => content.GetString() ?? string.Empty,
            JsonValueKind.Array => string.Concat(content.EnumerateArray().Select(p => StringProperty(p, "text"))),
            _ => string.Empty,
        };
    }
}
