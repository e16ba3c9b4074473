using System.Globalization;
using System.Text.Json;

namespace Alpha.Sre.Integrations.Http;

/// <summary>
/// Tolerant reads of vendor JSON: a missing field or null is null, numbers may arrive as strings (Sentry sends
/// <c>count</c> as <c>"42"</c>). Vendors add fields all the time, so only the fields Alpha uses are read.
/// </summary>
internal static class JsonFields
{
    /// <summary>The element at <paramref name="path"/> (nested property names), or null when any step is missing or null.</summary>
    public static JsonElement? At(JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current) || current.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>A string (numbers are given as their text), or null.</summary>
    public static string? String(JsonElement element, params string[] path) => At(element, path) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    /// <summary>An integer from a number or a numeric string, or null.</summary>
    public static long? Integer(JsonElement element, params string[] path) => At(element, path) switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var v) => v,
        { ValueKind: JsonValueKind.String } s when long.TryParse(s.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) => v,
        _ => null,
    };

    /// <summary>An ISO-8601 timestamp (UTC when it has no offset), or null.</summary>
    public static DateTimeOffset? Time(JsonElement element, params string[] path) =>
        String(element, path) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    /// <summary>The items of an array, or none when it is missing or not an array.</summary>
    public static IEnumerable<JsonElement> Items(JsonElement element, params string[] path) =>
        At(element, path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];
}
