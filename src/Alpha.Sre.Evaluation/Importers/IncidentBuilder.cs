using Alpha.Sre.Incidents;

namespace Alpha.Sre.Evaluation.Importers;

/// <summary>
/// Builds an <see cref="SreIncident"/> from an imported case, directly (no document round trip). Metric keys get
/// their service, name and labels the way the reader gives them to a document's keys; times are kept in UTC and
/// series times to the millisecond, as a document written by <c>alpha import --out</c> reads back.
/// </summary>
public sealed class IncidentBuilder(string deploymentId)
{
    private readonly Dictionary<string, List<MetricPoint>> _metrics = new(StringComparer.Ordinal);
    private readonly List<LogEntry> _logs = [];
    private readonly List<TraceSpan> _traces = [];
    private readonly List<Deployment> _deployments = [];
    private readonly Dictionary<string, List<string>> _topology = new(StringComparer.Ordinal);
    private DateTimeOffset? _detectedAt;
    private IncidentAlert? _alert;

    /// <summary>Sets the detection time (the onset the analysis uses).</summary>
    public IncidentBuilder DetectedAt(DateTimeOffset at)
    {
        _detectedAt = at.ToUniversalTime();
        return this;
    }

    /// <summary>Records the alert that opened the incident (a symptom metric of a service).</summary>
    public IncidentBuilder Alert(string service, string metric, DateTimeOffset at)
    {
        _alert = new IncidentAlert(service, metric, at.ToUniversalTime());
        return this;
    }

    /// <summary>Adds (or replaces) a series of (unix seconds, value) samples; non-finite samples are skipped, and a series left empty is not added.</summary>
    public IncidentBuilder Series(string key, IEnumerable<(double UnixSeconds, double Value)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var samples = new List<MetricPoint>();
        foreach (var (t, v) in points)
        {
            if (double.IsFinite(v) && double.IsFinite(t))
            {
                samples.Add(new MetricPoint(SreIncidentReader.FromUnix(Math.Round(t, 3)), v));
            }
        }

        if (samples.Count > 0)
        {
            _metrics[key] = samples;
        }

        return this;
    }

    /// <summary>Adds a log entry (with the trace id of the request it was written in, when the data set gives one).</summary>
    public IncidentBuilder Log(DateTimeOffset? timestamp, string? service, string? level, string message, string? traceId = null)
    {
        _logs.Add(new LogEntry(timestamp?.ToUniversalTime(), service, level, message, traceId));
        return this;
    }

    /// <summary>Adds a trace span.</summary>
    public IncidentBuilder Span(string traceId, string spanId, string? parentSpanId, string service, string? operation, DateTimeOffset? start, double durationMs, bool error)
    {
        _traces.Add(new TraceSpan(traceId, spanId, parentSpanId, service, operation, start?.ToUniversalTime(), durationMs, error));
        return this;
    }

    /// <summary>Adds a deployment (a rollout of one service).</summary>
    public IncidentBuilder Deployment(string service, string? fromVersion, string? toVersion, DateTimeOffset? startedAt, DateTimeOffset? completedAt)
    {
        _deployments.Add(new Deployment(service, fromVersion, toVersion, startedAt?.ToUniversalTime(), completedAt?.ToUniversalTime()));
        return this;
    }

    /// <summary>Adds a call edge caller -> callee to the topology.</summary>
    public IncidentBuilder Calls(string caller, string callee)
    {
        if (!_topology.TryGetValue(caller, out var callees))
        {
            callees = [];
            _topology[caller] = callees;
        }

        if (!callees.Contains(callee, StringComparer.Ordinal))
        {
            callees.Add(callee);
        }

        return this;
    }

    /// <summary>The incident; <paramref name="source"/> names the case in errors (a malformed metric label set).</summary>
    public SreIncident Build(string source) => new()
    {
        DeploymentId = deploymentId,
        DetectedAt = _detectedAt,
        Alert = _alert,
        Logs = [.. _logs],
        Metrics = [.. _metrics.Select(kv => SreIncidentReader.Series(kv.Key, [.. kv.Value], source))],
        Traces = [.. _traces],
        Deployments = [.. _deployments],
        Topology = _topology.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)[.. kv.Value], StringComparer.Ordinal),
    };
}
