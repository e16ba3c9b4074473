using System.Buffers;
using System.Text.Json;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Alpha.Sre.Incidents;

/// <summary>
/// Converts a YAML document to a JSON element so that YAML and JSON inputs go through one reader. Plain scalars
/// become numbers, booleans or null when they read as such (YAML 1.2 core schema); quoted scalars stay strings.
/// </summary>
public static class YamlJson
{
    /// <summary>Converts <paramref name="yaml"/>; errors name <paramref name="source"/> and the line.</summary>
    public static JsonElement ToElement(string yaml, string source) => ToElement(yaml, source, InputLimits.Default);

    /// <summary>
    /// Converts <paramref name="yaml"/> under <paramref name="limits"/> (depth, alias expansion, size) to a JSON element,
    /// written straight from the YAML tree; errors name <paramref name="source"/> and the line.
    /// </summary>
    public static JsonElement ToElement(string yaml, string source, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(BoundedYamlParser.Over(yaml, limits));
        }
        catch (InputLimitExceededException ex)
        {
            throw new InvalidInputException(source, ex.Line, "$", ex.Message, ex);
        }
        catch (YamlException ex)
        {
            throw new InvalidInputException(source, ex.Start.Line, "$", $"invalid YAML: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet reports some unterminated constructs (an unclosed flow sequence) this way, without a position.
            throw new InvalidInputException(source, null, "$", "invalid YAML: the document ends inside an unclosed [ ] or { }", ex);
        }

        if (stream.Documents.Count == 0)
        {
            throw new InvalidInputException(source, null, "$", "the YAML document is empty");
        }

        try
        {
            var buffer = new ArrayBufferWriter<byte>(yaml.Length + 64);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(stream.Documents[0].RootNode, writer);
            }

            // The bounded YAML parser already enforced the configured depth; the JSON reader must allow that much.
            var reader = new Utf8JsonReader(buffer.WrittenSpan, new JsonReaderOptions { MaxDepth = Math.Max(64, limits.MaxDepth + 1) });
            return JsonElement.ParseValue(ref reader);
        }
        catch (YamlException ex)
        {
            throw new InvalidInputException(source, ex.Start.Line, "$", ex.Message, ex);
        }
    }

    private static string Key(YamlNode key) => key is YamlScalarNode scalar
        ? scalar.Value ?? string.Empty
        : throw new YamlException(key.Start, key.End, "a mapping key must be plain text, not a mapping or a list");

    private static void Write(YamlNode node, Utf8JsonWriter writer)
    {
        switch (node)
        {
            case YamlMappingNode map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Children)
                {
                    writer.WritePropertyName(Key(key));
                    Write(value, writer);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode seq:
                writer.WriteStartArray();
                foreach (var item in seq.Children)
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar when YamlScalars.ToJson(scalar) is { } value:
                value.WriteTo(writer);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
