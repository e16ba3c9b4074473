using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;
using Alpha.Sre.Incidents;

namespace Alpha.Sre.Tests.Incidents;

/// <summary>
/// The typed scan must give the verdict a scan of the written document gives (what SreIncident.Redact did before it
/// scanned the model directly), or a secret could pass into signals and prompts unredacted.
/// </summary>
public sealed class SreIncidentSecretScanTests
{
    // Every section and field the converter writes, with values no rule matches.
    private const string FullIncident =
        """
        {
          "deployment_id": "deploy-1",
          "detected_at": "2026-03-14T09:40:00Z",
          "window": {"start": "2026-03-14T09:00:00Z", "end": "2026-03-14T10:00:00Z"},
          "alert": {"service": "orders", "metric": "latency_p99_ms", "at": "2026-03-14T09:40:00Z"},
          "logs": ["a bare line", {"timestamp": "2026-03-14T09:40:05Z", "service": "orders", "level": "ERROR", "message": "pool exhausted"}],
          "metrics": {"orders.cpu": [0.1, 0.2], "orders.mem": {"baseline": 1, "current": 2}, "orders.qps": 5, "orders.lat": [[1773481200000, 3.5]]},
          "recent_commits": [{"sha": "a1b2c3", "author": "ann", "timestamp": "2026-03-14T09:30:00Z", "message": "reduce pool", "service": "orders",
                              "files": [{"path": "src/pool.yaml", "additions": 1, "deletions": 1, "patch": "-size: 50\n+size: 5"}]}],
          "config_snapshot": {"previous": {"db_pool_size": 50, "nested": {"host": "db"}}, "current": {"db_pool_size": 5, "nested": {"host": "db"}}},
          "deployments": [{"service": "orders", "from_version": "1.2.0", "to_version": "1.3.0", "started_at": "2026-03-14T09:33:00Z", "completed_at": "2026-03-14T09:35:00Z"}],
          "traces": [{"trace_id": "t1", "span_id": "s1", "parent_span_id": "s0", "service": "orders", "operation": "GET /orders", "start": "2026-03-14T09:40:00Z", "duration_ms": 12.5, "error": false}],
          "topology": {"checkout": ["orders", "payment"]},
          "env": {"region": "eu-west-1", "hosts": ["a", "b"]}
        }
        """;

    private const string Token = "AKIAQ3EGYX7TN5SECRT1";

    private readonly SecretRedactor _redactor = new(new byte[32]);

    [Fact]
    public void ContainsSecret_ExampleIncidents_SameVerdictAsWrittenDocument()
    {
        var files = Directory.GetFiles(Examples.Root, "*.yaml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var incident = SreIncident.From(IncidentDocument.Parse(File.ReadAllText(file), file));
            Assert.Equal(DocumentContainsSecret(incident), SreIncidentSecretScan.ContainsSecret(incident, _redactor));
        }
    }

    [Fact]
    public void ContainsSecret_SecretInEachStringOrKey_SameVerdictAsWrittenDocument()
    {
        var clean = Read(FullIncident);
        Assert.False(DocumentContainsSecret(clean));
        Assert.False(SreIncidentSecretScan.ContainsSecret(clean, _redactor));

        var variants = 0;
        var secret = 0;
        foreach (var text in Variants(JsonNode.Parse(FullIncident)!))
        {
            SreIncident incident;
            try
            {
                incident = Read(text);
            }
            catch (InvalidInputException)
            {
                continue; // a time or a number replaced by a token: not an incident
            }

            variants++;
            var expected = DocumentContainsSecret(incident);
            secret += expected ? 1 : 0;
            Assert.True(expected == SreIncidentSecretScan.ContainsSecret(incident, _redactor), text);
        }

        // Most variants parse and most of those hold a secret the redactor finds (the test is not vacuous).
        Assert.True(variants >= 40, $"only {variants} variants parsed");
        Assert.True(secret >= 30, $"only {secret} variants held a secret");
    }

    private static SreIncident Read(string json) => SreIncident.From(IncidentDocument.Parse(json, "t.json"));

    // The verdict SreIncident.Redact took before the typed scan: write the incident, then check each section.
    private bool DocumentContainsSecret(SreIncident incident)
    {
        var document = JsonSerializer.SerializeToElement(incident, AlphaJson.Options);
        return document.EnumerateObject().Any(section => SreIncidentSecretScan.SectionContainsSecret(section.Name, section.Value, _redactor));
    }

    // The document with one string value replaced by a token, or one key renamed to a secret-looking one, at a time.
    private static IEnumerable<string> Variants(JsonNode root)
    {
        var paths = new List<object[]>();
        Collect(root, [], paths);
        foreach (var path in paths)
        {
            if (path[^1] is string key)
            {
                foreach (var change in new Func<JsonObject, string, bool>[] { ReplaceValue, RenameToSecretKey, RenameWithSecretInKey })
                {
                    var copy = root.DeepClone();
                    if (change((JsonObject)Parent(copy, path), key))
                    {
                        yield return copy.ToJsonString();
                    }
                }
            }
            else
            {
                var copy = root.DeepClone();
                var array = (JsonArray)Parent(copy, path);
                var index = (int)path[^1];
                if (array[index] is JsonValue item && item.GetValueKind() == JsonValueKind.String)
                {
                    array[index] = "password=" + Token;
                    yield return copy.ToJsonString();
                }
            }
        }
    }

    private static bool ReplaceValue(JsonObject obj, string key)
    {
        if (obj[key] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        obj[key] = Token;
        return true;
    }

    private static bool RenameToSecretKey(JsonObject obj, string key) => Rename(obj, key, "db_password");

    private static bool RenameWithSecretInKey(JsonObject obj, string key) => Rename(obj, key, key + "{api_key=" + Token + "}");

    private static bool Rename(JsonObject obj, string key, string newKey)
    {
        if (obj.ContainsKey(newKey))
        {
            return false;
        }

        var value = obj[key]?.DeepClone();
        obj.Remove(key);
        obj[newKey] = value;
        return true;
    }

    private static JsonNode Parent(JsonNode root, object[] path)
    {
        var node = root;
        foreach (var step in path[..^1])
        {
            node = step is string key ? node[key]! : node[(int)step]!;
        }

        return node;
    }

    private static void Collect(JsonNode node, object[] prefix, List<object[]> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    object[] path = [.. prefix, key];
                    paths.Add(path);
                    if (child is not null)
                    {
                        Collect(child, path, paths);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    object[] path = [.. prefix, i];
                    paths.Add(path);
                    if (array[i] is { } child)
                    {
                        Collect(child, path, paths);
                    }
                }

                break;
        }
    }
}
