using System.Globalization;
using System.Text.Json.Nodes;
using Alpha.Runtime.Schemas;

namespace Alpha.Sre.Evaluation.Importers;

/// <summary>Builds an incident document in Alpha's own format, so imported cases go through the same reader as any file.</summary>
public sealed class IncidentBuilder(string deploymentId)
{
    private readonly JsonObject _root = new() { ["deployment_id"] = deploymentId };
    private readonly JsonObject _metrics = [];
    private readonly JsonArray _logs = [];
    private readonly JsonArray _traces = [];
    private readonly JsonArray _commits = [];
    private readonly JsonArray _deployments = [];
    private readonly JsonObject _topology = [];

    /// <summary>Sets the detection time (the onset the analysis uses).</summary>
    public IncidentBuilder DetectedAt(DateTimeOffset at)
    {
        _root["detected_at"] = at.ToString("O", CultureInfo.InvariantCulture);
        return this;
    }

    /// <summary>Records the alert that opened the incident (a symptom metric of a service).</summary>
    public IncidentBuilder Alert(string service, string metric, DateTimeOffset at)
    {
        _root["alert"] = new JsonObject { ["service"] = service, ["metric"] = metric, ["at"] = at.ToString("O", CultureInfo.InvariantCulture) };
        return this;
    }

    /// <summary>Adds a series of (unix seconds, value) samples; NaN samples are skipped.</summary>
    public IncidentBuilder Series(string key, IEnumerable<(double UnixSeconds, double Value)> points)
    {
        var array = new JsonArray();
        foreach (var (t, v) in points)
        {
            if (double.IsFinite(v) && double.IsFinite(t))
            {
                array.Add(new JsonArray(JsonValue.Create(Math.Round(t, 3)), JsonValue.Create(v)));
            }
        }

        if (array.Count > 0)
        {
            _metrics[key] = array;
        }

        return this;
    }

    /// <summary>Adds a log entry.</summary>
    public IncidentBuilder Log(DateTimeOffset? timestamp, string? service, string? level, string message)
    {
        var entry = new JsonObject { ["message"] = message };
        if (timestamp is { } t)
        {
            entry["timestamp"] = t.ToString("O", CultureInfo.InvariantCulture);
        }

        if (service is not null)
        {
            entry["service"] = service;
        }

        if (level is not null)
        {
            entry["level"] = level;
        }

        _logs.Add(entry);
        return this;
    }

    /// <summary>Adds a trace span.</summary>
    public IncidentBuilder Span(string traceId, string spanId, string? parentSpanId, string service, string? operation, DateTimeOffset? start, double durationMs, bool error)
    {
        var span = new JsonObject
        {
            ["trace_id"] = traceId,
            ["span_id"] = spanId,
            ["service"] = service,
            ["duration_ms"] = durationMs,
            ["error"] = error,
        };
        if (parentSpanId is not null)
        {
            span["parent_span_id"] = parentSpanId;
        }

        if (operation is not null)
        {
            span["operation"] = operation;
        }

        if (start is { } s)
        {
            span["start"] = s.ToString("O", CultureInfo.InvariantCulture);
        }

        _traces.Add(span);
        return this;
    }

    /// <summary>Adds a deployment (a rollout of one service).</summary>
    public IncidentBuilder Deployment(string service, string? fromVersion, string? toVersion, DateTimeOffset? startedAt, DateTimeOffset? completedAt)
    {
        var d = new JsonObject { ["service"] = service };
        if (fromVersion is not null)
        {
            d["from_version"] = fromVersion;
        }

        if (toVersion is not null)
        {
            d["to_version"] = toVersion;
        }

        if (startedAt is { } s)
        {
            d["started_at"] = s.ToString("O", CultureInfo.InvariantCulture);
        }

        if (completedAt is { } c)
        {
            d["completed_at"] = c.ToString("O", CultureInfo.InvariantCulture);
        }

        _deployments.Add(d);
        return this;
    }

    /// <summary>Adds a call edge caller -> callee to the topology.</summary>
    public IncidentBuilder Calls(string caller, string callee)
    {
        if (_topology[caller] is not JsonArray callees)
        {
            callees = [];
            _topology[caller] = callees;
        }

        if (!callees.Any(c => c?.GetValue<string>() == callee))
        {
            callees.Add(callee);
        }

        return this;
    }

    /// <summary>The incident as JSON text in Alpha's format.</summary>
    public string ToJson()
    {
        var root = _root.DeepClone().AsObject();
        if (_logs.Count > 0)
        {
            root["logs"] = _logs.DeepClone();
        }

        if (_metrics.Count > 0)
        {
            root["metrics"] = _metrics.DeepClone();
        }

        if (_traces.Count > 0)
        {
            root["traces"] = _traces.DeepClone();
        }

        if (_commits.Count > 0)
        {
            root["recent_commits"] = _commits.DeepClone();
        }

        if (_deployments.Count > 0)
        {
            root["deployments"] = _deployments.DeepClone();
        }

        if (_topology.Count > 0)
        {
            root["topology"] = _topology.DeepClone();
        }

        return root.ToJsonString();
    }

    /// <summary>The incident, read back through the same reader as a file.</summary>
    public IncidentInput Build(string source) => Incidents.IncidentDocument.Parse(ToJson(), source);
}
