using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;

namespace Alpha.Sre.Integrations;

/// <summary>
/// Builds the documented incident sections from typed entries: log entries <c>{timestamp, service, level, message}</c>,
/// commits <c>{sha, author, timestamp, message, service, files: [{path, additions, deletions, patch}]}</c>, with absent
/// values left out (the reader takes a missing field as unknown, but a null timestamp as an error).
/// </summary>
internal static class IncidentJson
{
    public static IncidentInput ToInput(FetchedIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var extensions = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (incident.DetectedAt is { } detected)
        {
            extensions["detected_at"] = Element(Time(detected));
        }

        extensions["window"] = Element(new JsonObject { ["start"] = Time(incident.WindowStart), ["end"] = Time(incident.WindowEnd) });
        if (incident.Sources.Count > 0)
        {
            var sources = new JsonObject();
            foreach (var (vendor, fields) in incident.Sources)
            {
                sources[vendor] = new JsonObject(fields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value)));
            }

            extensions["sources"] = Element(sources);
        }

        return new IncidentInput(
            incident.DeploymentId,
            [.. incident.Logs.Select(Log)],
            recentCommits: [.. incident.Commits.Select(Commit)])
        {
            Extensions = extensions,
        };
    }

    /// <summary>An ISO-8601 UTC timestamp, fractional seconds only when present: <c>2026-04-02T13:00:00Z</c>.</summary>
    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static JsonElement Log(LogEntry entry)
    {
        var log = new JsonObject();
        Add(log, "timestamp", entry.Timestamp is { } t ? Time(t) : null);
        Add(log, "service", entry.Service);
        Add(log, "level", entry.Level);
        log["message"] = entry.Message;
        return Element(log);
    }

    private static JsonElement Commit(CommitInfo commit)
    {
        var node = new JsonObject { ["sha"] = commit.Sha };
        Add(node, "author", commit.Author);
        Add(node, "timestamp", commit.Timestamp is { } t ? Time(t) : null);
        node["message"] = commit.Message;
        Add(node, "service", commit.Service);
        var files = new JsonArray();
        foreach (var file in commit.Files)
        {
            var f = new JsonObject { ["path"] = file.Path, ["additions"] = file.Additions, ["deletions"] = file.Deletions };
            Add(f, "patch", file.Patch);
            files.Add(f);
        }

        node["files"] = files;
        return Element(node);
    }

    private static void Add(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
    }

    private static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node, AlphaJson.Options);

    private static JsonElement Element(string value) => JsonSerializer.SerializeToElement(value, AlphaJson.Options);
}
