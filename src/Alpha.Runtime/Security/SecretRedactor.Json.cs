using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Runtime.Schemas;

namespace Alpha.Runtime.Security;

/// <summary>Redaction of JSON documents and of the incident: keys by name, every string by shape.</summary>
public sealed partial class SecretRedactor
{
    /// <summary>
    /// <paramref name="incident"/> with every secret replaced by its marker (log lines and entries, metric names,
    /// commits, config with its keys, deployments and every other section); the same instance when it holds none.
    /// </summary>
    public IncidentInput Redact(IncidentInput incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var changed = false;
        var logs = RedactAll(incident.Logs, ref changed);
        Dictionary<string, JsonElement>? metrics = null;
        foreach (var (name, value) in incident.Metrics)
        {
            var newName = Redact(name);
            var newValue = Redact(value, null); // a metric's numbers are never secret, whatever its name

            if (!ReferenceEquals(newName, name) || !SameElement(newValue, value))
            {
                changed = true;
            }

            (metrics ??= new Dictionary<string, JsonElement>(incident.Metrics.Count, StringComparer.Ordinal))[newName] = newValue;
        }

        var commits = RedactAll(incident.RecentCommits, ref changed);
        var config = Redact(incident.ConfigSnapshot, null);
        changed |= !SameElement(config, incident.ConfigSnapshot);
        Dictionary<string, JsonElement>? extensions = null;
        if (incident.Extensions is { } ext)
        {
            extensions = new Dictionary<string, JsonElement>(ext.Count, StringComparer.Ordinal);
            foreach (var (name, value) in ext)
            {
                var newValue = Redact(value, name);
                changed |= !SameElement(newValue, value);
                extensions[name] = newValue;
            }
        }

        var deploymentId = Redact("deployment_id", incident.DeploymentId);
        changed |= !ReferenceEquals(deploymentId, incident.DeploymentId);
        if (!changed)
        {
            return incident;
        }

        return new IncidentInput(deploymentId, logs, metrics, commits, config) { Extensions = extensions };
    }

    /// <summary>
    /// <paramref name="element"/> redacted: object keys by shape, values of secret keys whole (strings, and numbers
    /// under password-like keys), every other string by shape. <paramref name="key"/> is the key the element sits
    /// under, if any. The same element when nothing changed.
    /// </summary>
    public JsonElement Redact(JsonElement element, string? key)
    {
        var node = RedactToNode(element, key, out var changed);
        return changed ? JsonSerializer.SerializeToElement(node, AlphaJson.Options) : element;
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
            var node = RedactToNode(document.RootElement, null, out var changed);
            return changed ? node?.ToJsonString() ?? "null" : json;
        }
    }

    private JsonElement[] RedactAll(IReadOnlyList<JsonElement> elements, ref bool changed)
    {
        var result = new JsonElement[elements.Count];
        for (var i = 0; i < elements.Count; i++)
        {
            result[i] = Redact(elements[i], null);
            changed |= !SameElement(result[i], elements[i]);
        }

        return result;
    }

    private static bool SameElement(JsonElement a, JsonElement b) =>
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
