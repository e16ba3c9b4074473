using System.Text.Json;

namespace Alpha.Sre.Incidents;

/// <summary>
/// An incident in the SRE vertical's typed form, read from the runtime's <see cref="Alpha.Runtime.Schemas.IncidentInput"/>
/// by <see cref="SreIncidentReader"/>. See docs/incident-format.md.
/// </summary>
public sealed record SreIncident
{
    /// <summary>The deployment or incident id.</summary>
    public required string DeploymentId { get; init; }

    /// <summary>Log entries, in the order given.</summary>
    public IReadOnlyList<LogEntry> Logs { get; init; } = [];

    /// <summary>Metric series.</summary>
    public IReadOnlyList<MetricSeries> Metrics { get; init; } = [];

    /// <summary>Recent commits.</summary>
    public IReadOnlyList<CommitInfo> Commits { get; init; } = [];

    /// <summary>The configuration now.</summary>
    public JsonElement ConfigCurrent { get; init; }

    /// <summary>The configuration before, when the snapshot was given as <c>{previous, current}</c>.</summary>
    public JsonElement? ConfigPrevious { get; init; }

    /// <summary>Recent rollouts.</summary>
    public IReadOnlyList<Deployment> Deployments { get; init; } = [];

    /// <summary>Trace spans.</summary>
    public IReadOnlyList<TraceSpan> Traces { get; init; } = [];

    /// <summary>Call graph: service -> the services it calls.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Topology { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The alert that opened the incident (the symptom the on-call engineer was paged for), when given.</summary>
    public IncidentAlert? Alert { get; init; }

    /// <summary>When the incident was detected (alert time), when given.</summary>
    public DateTimeOffset? DetectedAt { get; init; }

    /// <summary>Start of the incident window, when given.</summary>
    public DateTimeOffset? WindowStart { get; init; }

    /// <summary>End of the incident window, when given.</summary>
    public DateTimeOffset? WindowEnd { get; init; }

    /// <summary>Every service the incident mentions (metrics, logs, commits, deployments, traces, topology), sorted.</summary>
    public IReadOnlyList<string> Services =>
    [
        .. Metrics.Select(m => m.Service)
            .Concat(Logs.Select(l => l.Service))
            .Concat(Commits.Select(c => c.Service))
            .Concat(Deployments.Select(d => (string?)d.Service))
            .Concat(Traces.Select(t => (string?)t.Service))
            .Concat(Topology.Keys)
            .Concat(Topology.Values.SelectMany(v => v))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];
}
