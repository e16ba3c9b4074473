using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alpha.Platform.Specs;

/// <summary>
/// The canonical JSON text of a value, so that equal content always gives equal bytes: object keys sorted by
/// ordinal (UTF-16 code unit) order, no insignificant whitespace, numbers in one form (integers without a
/// fraction or exponent, other values as the shortest round-trip double with a lowercase exponent), strings
/// with line breaks normalised to <c>\n</c> and only the escapes JSON requires. Unicode normalisation is not
/// applied (the process runs in invariant globalization mode): precomposed and decomposed characters differ.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Writes <paramref name="node"/> in canonical form (<c>null</c> for a null node).</summary>
    public static string Serialize(JsonNode? node)
    {
        var builder = new StringBuilder(256);
        Write(builder, node);
        return builder.ToString();
    }

    /// <summary>The canonical form of a JSON number's text, e.g. <c>30.0</c> → <c>30</c>, <c>1E-07</c> → <c>1e-7</c>.</summary>
    public static string NormalizeNumber(string number)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer.ToString(CultureInfo.InvariantCulture);
        }

        var value = double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"'{number}' is not a finite number.", nameof(number));
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 1e21)
        {
            // Integral values print as integers whatever their source form (1.0, 1e2, 100).
            return value == 0 ? "0" : ((decimal)value).ToString("0", CultureInfo.InvariantCulture);
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return text;
        }

        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{text[..e]}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent)}");
    }

    private static void Write(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => Normalize(p.Key), StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    WriteString(builder, key);
                    builder.Append(':');
                    Write(builder, value);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JsonValue value:
                WriteValue(builder, value);
                break;
            default:
                throw new ArgumentException($"Unsupported JSON node {node.GetType().Name}.", nameof(node));
        }
    }

    private static void WriteValue(StringBuilder builder, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(builder, value.GetValue<string>());
                break;
            case JsonValueKind.Number:
                builder.Append(NormalizeNumber(value.ToJsonString()));
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            default:
                // A JsonValue wrapping an arbitrary object: canonicalise what it serialises to.
                Write(builder, JsonNode.Parse(value.ToJsonString()));
                break;
        }
    }

    private static string Normalize(string text) =>
        text.Contains('\r', StringComparison.Ordinal) ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;

    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in Normalize(text))
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }
}
