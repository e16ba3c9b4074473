using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Runtime.Security;

namespace Alpha.Platform.Specs;

/// <summary>
/// JSON to a <see cref="SpecTree"/>, keeping the line of every field (System.Text.Json's DOM does not), so
/// errors in JSON specs point at lines just as in YAML. Comments and trailing commas are tolerated.
/// </summary>
internal static class JsonSpecParser
{
    // The depth is checked first against InputLimits (with a message naming the limit); the reader must only not be stricter.
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = InputLimits.DepthCeiling + 1 };

    public static SpecTree Parse(string text, string source, InputLimits limits)
    {
        InputChecks.CheckJson(text, limits);
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = LineStarts(bytes);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<SpecError>();
        var reader = new Utf8JsonReader(bytes, ReaderOptions);
        JsonNode? root;
        try
        {
            if (!reader.Read())
            {
                throw new SpecValidationException([new SpecError(source, null, "$", "the document is empty; a spec needs at least kind and name")]);
            }

            root = ReadValue(ref reader, "$", lines, lineStarts, errors, source);
            if (reader.Read())
            {
                throw new SpecValidationException([new SpecError(source, LineOf(lineStarts, reader.TokenStartIndex), "$", "unexpected content after the end of the document")]);
            }
        }
        catch (JsonException ex)
        {
            throw new SpecValidationException([new SpecError(source, (int?)(ex.LineNumber + 1), "$", $"invalid JSON: {Clean(ex.Message)}")], ex);
        }

        if (errors.Count > 0)
        {
            throw new SpecValidationException(errors);
        }

        return new SpecTree(source, root, lines);
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader, string path, Dictionary<string, int> lines, int[] lineStarts, List<SpecError> errors, string source)
    {
        lines.TryAdd(path, LineOf(lineStarts, reader.TokenStartIndex));
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString()!;
                    var child = SpecTree.Child(path, key);
                    var keyLine = LineOf(lineStarts, reader.TokenStartIndex);
                    reader.Read();
                    var value = ReadValue(ref reader, child, lines, lineStarts, errors, source);
                    if (obj.ContainsKey(key))
                    {
                        errors.Add(new SpecError(source, keyLine, child, "appears twice; keep one"));
                        continue;
                    }

                    obj[key] = value;
                    lines[child] = keyLine;
                }

                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(ReadValue(ref reader, SpecTree.Item(path, index++), lines, lineStarts, errors, source));
                }

                return array;
            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString()!);
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var integer) ? JsonValue.Create(integer) : JsonValue.Create(reader.GetDouble());
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }

    private static int[] LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }

    private static int LineOf(int[] lineStarts, long offset)
    {
        var index = Array.BinarySearch(lineStarts, (int)offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    private static string Clean(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ', '|');
    }
}
