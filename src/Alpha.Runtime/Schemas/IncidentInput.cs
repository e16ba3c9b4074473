using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alpha.Runtime.Schemas;

/// <summary>
/// The incident handed to the runtime. The runtime only checks the shape of each section; a vertical
/// (Alpha.Sre) gives the sections their meaning in its signal extractor. The seed's minimal form
/// <c>{deployment_id, logs: [string], metrics: {name: number}, recent_commits: [{...}], config_snapshot: {...}}</c>
/// is accepted as is; richer forms (log entries as objects, metric series) fit the same sections, and
/// any other top-level field is kept in <see cref="Extensions"/>.
/// </summary>
public sealed record IncidentInput
{
    /// <summary>Creates a validated incident.</summary>
    /// <exception cref="SchemaValidationException">A section has the wrong shape.</exception>
    [JsonConstructor]
    public IncidentInput(
        string deploymentId,
        IReadOnlyList<JsonElement>? logs = null,
        IReadOnlyDictionary<string, JsonElement>? metrics = null,
        IReadOnlyList<JsonElement>? recentCommits = null,
        JsonElement configSnapshot = default)
    {
        DeploymentId = Check.NotBlank(deploymentId, "deployment_id");
        Logs = logs ?? [];
        for (var i = 0; i < Logs.Count; i++)
        {
            if (Logs[i].ValueKind is not (JsonValueKind.String or JsonValueKind.Object))
            {
                throw new SchemaValidationException($"logs[{i}]", "must be a log line (string) or a log entry (object)");
            }
        }

        Metrics = metrics ?? new Dictionary<string, JsonElement>();
        foreach (var (name, value) in Metrics)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new SchemaValidationException("metrics", "metric names must not be empty");
            }

            if (value.ValueKind is not (JsonValueKind.Number or JsonValueKind.Array or JsonValueKind.Object))
            {
                throw new SchemaValidationException($"metrics.{name}", "must be a number, a list (series) or an object");
            }
        }

        RecentCommits = recentCommits ?? [];
        for (var i = 0; i < RecentCommits.Count; i++)
        {
            if (RecentCommits[i].ValueKind != JsonValueKind.Object)
            {
                throw new SchemaValidationException($"recent_commits[{i}]", "must be an object");
            }
        }

        if (configSnapshot.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            throw new SchemaValidationException("config_snapshot", "must be an object");
        }

        ConfigSnapshot = configSnapshot.ValueKind == JsonValueKind.Object ? configSnapshot : EmptyObject;
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    /// <summary>The deployment (or incident) identifier.</summary>
    public string DeploymentId { get; }

    /// <summary>Log lines (strings) or entries (objects).</summary>
    public IReadOnlyList<JsonElement> Logs { get; }

    /// <summary>Metrics by name: a number, a series, or an object.</summary>
    public IReadOnlyDictionary<string, JsonElement> Metrics { get; }

    /// <summary>Recent commits, one object each.</summary>
    public IReadOnlyList<JsonElement> RecentCommits { get; }

    /// <summary>The configuration snapshot (an object; empty when not given).</summary>
    public JsonElement ConfigSnapshot { get; }

    /// <summary>Any other top-level fields (deployments, traces, topology...), kept for verticals.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extensions { get; init; }

    /// <summary>Builds the seed's minimal form from plain .NET values (convenient in code and tests).</summary>
    public static IncidentInput FromSeed(
        string deploymentId,
        IEnumerable<string>? logs = null,
        IReadOnlyDictionary<string, double>? metrics = null,
        IEnumerable<object>? recentCommits = null,
        object? configSnapshot = null)
    {
        var options = AlphaJson.Options;
        return new IncidentInput(
            deploymentId,
            logs?.Select(l => JsonSerializer.SerializeToElement(l, options)).ToArray(),
            metrics?.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value, options)),
            recentCommits?.Select(c => JsonSerializer.SerializeToElement(c, options)).ToArray(),
            configSnapshot is null ? default : JsonSerializer.SerializeToElement(configSnapshot, options));
    }
}
