using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Runtime.Schemas;

namespace Alpha.Runtime.Security;

/// <summary>Redaction of JSON documents and of the incident: keys by name, every string by shape.</summary>
public sealed partial class SecretRedactor
{
    /// <summary>
    /// <paramref name="incident"/> with every secret replaced by its marker: its id, and its model when the vertical's
    /// model is an <see cref="IRedactableModel"/> (which knows its own sections); the same instance when it holds none.
    /// </summary>
    public IncidentInput Redact(IncidentInput incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var deploymentId = Redact("deployment_id", incident.DeploymentId);
        var model = incident.Model is IRedactableModel redactable ? redactable.Redact(this) : incident.Model;
        return ReferenceEquals(deploymentId, incident.DeploymentId) && ReferenceEquals(model, incident.Model)
            ? incident
            : new IncidentInput(deploymentId, model);
    }

    /// <summary>
    /// <paramref name="element"/> redacted: object keys by shape, values of secret keys whole (strings, and numbers
    /// under password-like keys), every other string by shape. <paramref name="key"/> is the key the element sits
    /// under, if any. The same element when nothing changed.
    /// </summary>
    public JsonElement Redact(JsonElement element, string? key) =>
        ContainsSecret(element, key) ? JsonSerializer.SerializeToElement(RedactToNode(element, key, out _), AlphaJson.Options) : element;

    /// <summary>
    /// Whether <see cref="Redact(JsonElement, string?)"/> would change <paramref name="element"/>, found without building
    /// a copy (most documents hold no secret, so the copy is only made for those that do).
    /// </summary>
    public bool ContainsSecret(JsonElement element, string? key)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var text = element.GetString()!;
                return !ReferenceEquals(key is null ? Redact(text) : Redact(key, text), text);
            case JsonValueKind.Number:
                return key is not null && IsNumericSecretKey(key);
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = property.Name;
                    if (!ReferenceEquals(Redact(name), name) || ContainsSecret(property.Value, name))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (ContainsSecret(item, key))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>A JSON text redacted as a document when it parses, else as text.</summary>
    public string RedactJsonText(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException)
        {
            return Redact(json);
        }

        using (document)
        {
            return ContainsSecret(document.RootElement, null) ? RedactToNode(document.RootElement, null, out _)?.ToJsonString() ?? "null" : json;
        }
    }

    /// <summary>Whether two elements are the same JSON (how a model tells whether redaction changed a section).</summary>
    public static bool SameElement(JsonElement a, JsonElement b) =>
        a.ValueKind == b.ValueKind && (a.ValueKind is JsonValueKind.Undefined || JsonElement.DeepEquals(a, b));

    // Returns a node for the element, and whether anything in it was redacted (the node is only used then).
    private JsonNode? RedactToNode(JsonElement element, string? key, out bool changed)
    {
        changed = false;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
            {
                var text = element.GetString()!;
                var redacted = key is null ? Redact(text) : Redact(key, text);
                changed = !ReferenceEquals(redacted, text);
                return JsonValue.Create(redacted);
            }

            case JsonValueKind.Number when key is not null && IsNumericSecretKey(key):
                changed = true;
                return JsonValue.Create(Mask(element.GetRawText()));
            case JsonValueKind.Object:
            {
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    var name = Redact(property.Name);
                    var value = RedactToNode(property.Value, property.Name, out var childChanged);
                    changed |= childChanged || !ReferenceEquals(name, property.Name);
                    obj[name] = value;
                }

                return obj;
            }

            case JsonValueKind.Array:
            {
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    // Items inherit their key: a list of tokens under "api_keys" is secret too.
                    array.Add(RedactToNode(item, key, out var childChanged));
                    changed |= childChanged;
                }

                return array;
            }

            default:
                return JsonSerializer.SerializeToNode(element, AlphaJson.Options);
        }
    }
}
