using System.Collections;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Alpha.Platform.Specs;

/// <summary>
/// The hash lock of a spec: its content as a JSON object (snake_case field names, <c>kind</c> included, null
/// fields and empty lists left out so that omitting a field and writing it empty are the same), written as
/// <see cref="CanonicalJson"/>, hashed with SHA-256 (lowercase hex). Equivalent YAML and JSON files give the
/// same hash; any change of any field gives another.
/// </summary>
public static class SpecCanonicalizer
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>The spec as a JSON object (the form stored in the ledger, before canonical writing).</summary>
    public static JsonObject ToJsonObject(Spec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var node = JsonSerializer.SerializeToNode(spec, spec.GetType(), Options) as JsonObject
            ?? throw new InvalidOperationException($"Spec {spec.Name} did not serialise to a JSON object.");
        node["kind"] = SpecKindNames.ToName(spec.Kind);
        return node;
    }

    /// <summary>The canonical JSON text of <paramref name="spec"/>.</summary>
    public static string ToCanonicalJson(Spec spec) => CanonicalJson.Serialize(ToJsonObject(spec));

    /// <summary>The spec_hash of <paramref name="spec"/>: SHA-256 of its canonical JSON in UTF-8, lowercase hex.</summary>
    public static string Hash(Spec spec) => HashCanonical(ToCanonicalJson(spec));

    /// <summary>SHA-256 of already canonical JSON text, lowercase hex.</summary>
    public static string HashCanonical(string canonicalJson)
    {
        ArgumentNullException.ThrowIfNull(canonicalJson);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(SkipEmptyCollections);
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = resolver,
        };
        options.MakeReadOnly();
        return options;
    }

    private static void SkipEmptyCollections(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.Namespace != typeof(Spec).Namespace)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.PropertyType != typeof(string) && !typeof(JsonNode).IsAssignableFrom(property.PropertyType) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                property.ShouldSerialize = static (_, value) => value switch
                {
                    ICollection collection => collection.Count > 0,
                    IEnumerable sequence => sequence.GetEnumerator().MoveNext(),
                    _ => false,
                };
            }
        }
    }
}
