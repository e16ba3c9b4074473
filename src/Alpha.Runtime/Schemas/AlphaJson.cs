using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alpha.Runtime.Schemas;

/// <summary>The JSON conventions of every Alpha document (snake_case names, strict required fields) and safe parsing.</summary>
public static class AlphaJson
{
    /// <summary>Options shared by every surface: snake_case, required constructor parameters enforced, nulls omitted where marked.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: false);

    /// <summary>The same conventions, indented for people.</summary>
    public static JsonSerializerOptions Indented { get; } = CreateOptions(indented: true);

    /// <summary>
    /// Reads a <typeparamref name="T"/> from <paramref name="json"/>, turning every failure (bad syntax, a
    /// missing field, a wrong type, a broken rule) into an <see cref="InvalidInputException"/> naming
    /// <paramref name="source"/>, the line, the field and the rule.
    /// </summary>
    public static T Deserialize<T>(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new InvalidInputException(source, null, "$", $"must be a JSON object describing a {typeof(T).Name}, not null");
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException(source, ex.LineNumber + 1, ex.Path ?? "$", CleanMessage(ex.Message), ex);
        }
        catch (SchemaValidationException ex)
        {
            throw new InvalidInputException(source, null, ex.Field, ex.Rule, ex);
        }
    }

    private static string CleanMessage(string message)
    {
        // System.Text.Json appends "Path: $.x | LineNumber: n | BytePositionInLine: m." which we report separately.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
        if (text.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            // The serializer names a .NET type here, which means nothing to the author of the document.
            return "has the wrong JSON type for this field (check the documented format)";
        }

        return text;
    }

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            PropertyNameCaseInsensitive = false,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            NumberHandling = JsonNumberHandling.Strict,
            WriteIndented = indented,
            AllowTrailingCommas = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            // Readers enforce InputLimits.MaxDepth (default 64) first, with a message naming the limit; this only must not be lower.
            MaxDepth = Security.InputLimits.DepthCeiling + 1,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
