using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Alpha.Runtime.Schemas;

/// <summary>
/// How every YAML input of Alpha (specs, incidents) reads a scalar: the YAML 1.2 core schema. Quoted, block and
/// <c>!!str</c>-tagged scalars are strings; plain ones become null, booleans, integers or finite floats when they
/// read as such, else strings. So <c>timeout_seconds: 30</c> and <c>"timeout_seconds": 30</c> give the same value.
/// </summary>
public static class YamlScalars
{
    /// <summary>The JSON value of <paramref name="scalar"/> (null for a YAML null).</summary>
    public static JsonValue? ToJson(YamlScalarNode scalar)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded
            || (scalar.Tag is { IsEmpty: false, IsNonSpecific: false } tag && tag.Value == "tag:yaml.org,2002:str"))
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? JsonValue.Create(d)
            : JsonValue.Create(text);
    }
}
