using System.Globalization;
using System.Text.Json;
using Alpha.Runtime.Schemas;

namespace Alpha.Sre.Incidents;

/// <summary>
/// Reads the SRE meaning of an <see cref="IncidentInput"/>: log lines or entries, metric snapshots, series
/// and <c>{baseline, current}</c> pairs, commits with files, config (current or <c>{previous, current}</c>),
/// and the optional deployments, traces, topology and incident window. Every problem is an
/// <see cref="InvalidInputException"/> naming the source, the field and the rule.
/// </summary>
public static class SreIncidentReader
{
    /// <summary>First segments of a <c>{service}_{metric}</c> key that are really part of a metric name (so the key has no service).</summary>
    private static readonly HashSet<string> MetricWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "cpu", "mem", "memory", "disk", "error", "errors", "latency", "lat", "request", "requests", "response", "db",
        "database", "connection", "connections", "conn", "pool", "heap", "gc", "thread", "threads", "queue", "network",
        "net", "io", "p50", "p90", "p95", "p99", "http", "rps", "qps", "load", "swap", "socket", "tcp", "success", "failure",
    };

    /// <summary>Reads <paramref name="input"/>; <paramref name="source"/> names the document in errors.</summary>
    public static SreIncident Read(IncidentInput input, string source)
    {
        ArgumentNullException.ThrowIfNull(input);
        var ext = input.Extensions ?? new Dictionary<string, JsonElement>();
        var step = ext.TryGetValue("metrics_step_seconds", out var s) ? Number(s, "metrics_step_seconds", source) : (double?)null;
        DateTimeOffset? metricsStart = ext.TryGetValue("metrics_start", out var ms) ? Time(ms, "metrics_start", source) : null;
        var (previous, current) = ReadConfig(input.ConfigSnapshot);
        return new SreIncident
        {
            DeploymentId = input.DeploymentId,
            Logs = [.. input.Logs.Select((l, i) => ReadLog(l, $"logs[{i}]", source))],
            Metrics = [.. input.Metrics.Select(kv => ReadMetric(kv.Key, kv.Value, metricsStart, step, source))],
            Commits = [.. input.RecentCommits.Select((c, i) => ReadCommit(c, $"recent_commits[{i}]", source))],
            ConfigCurrent = current,
            ConfigPrevious = previous,
            Deployments = ext.TryGetValue("deployments", out var d) ? ReadArray(d, "deployments", source, ReadDeployment) : [],
            Traces = ext.TryGetValue("traces", out var t) ? ReadArray(t, "traces", source, ReadSpan) : [],
            Topology = ext.TryGetValue("topology", out var topo) ? ReadTopology(topo, source) : new Dictionary<string, IReadOnlyList<string>>(),
            Alert = ext.TryGetValue("alert", out var alert) ? ReadAlert(alert, source) : null,
            DetectedAt = ext.TryGetValue("detected_at", out var da) ? Time(da, "detected_at", source) : (DateTimeOffset?)null,
            WindowStart = ext.TryGetValue("window", out var w) && w.ValueKind == JsonValueKind.Object && w.TryGetProperty("start", out var ws) ? Time(ws, "window.start", source) : null,
            WindowEnd = ext.TryGetValue("window", out var w2) && w2.ValueKind == JsonValueKind.Object && w2.TryGetProperty("end", out var we) ? Time(we, "window.end", source) : null,
        };
    }

    /// <summary>Splits a metric key into (service, metric): <c>svc.metric</c>, <c>svc_metric</c>, or a bare metric name.</summary>
    public static (string? Service, string Metric) SplitMetricKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && dot < key.Length - 1)
        {
            return (key[..dot], key[(dot + 1)..]);
        }

        var underscore = key.IndexOf('_', StringComparison.Ordinal);
        if (underscore > 0 && underscore < key.Length - 1 && !MetricWords.Contains(key[..underscore]))
        {
            return (key[..underscore], key[(underscore + 1)..]);
        }

        return (null, key);
    }

    /// <summary>
    /// Splits a trailing label set off a metric key: <c>orders.cpu{version=v2,instance=orders-7f9c}</c> ->
    /// (<c>orders.cpu</c>, {version: v2, instance: orders-7f9c}). Values may be double-quoted (and then hold
    /// commas); a key without a label set comes back unchanged with no labels; null when the label set is malformed.
    /// </summary>
    public static (string Name, IReadOnlyDictionary<string, string> Labels)? SplitLabels(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var open = key.IndexOf('{', StringComparison.Ordinal);
        if (open < 0 && !key.EndsWith('}'))
        {
            return (key, labels);
        }

        if (open <= 0 || !key.EndsWith('}'))
        {
            return null;
        }

        var inner = key[(open + 1)..^1];
        var parts = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '"')
            {
                quoted = !quoted;
            }
            else if (inner[i] == ',' && !quoted)
            {
                parts.Add(inner[start..i]);
                start = i + 1;
            }
        }

        parts.Add(inner[start..]);
        if (parts[^1].Trim().Length == 0)
        {
            parts.RemoveAt(parts.Count - 1); // "{}" or a trailing comma
        }

        foreach (var part in parts)
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? part[..eq].Trim() : "";
            if (name.Length == 0)
            {
                return null;
            }

            var value = part[(eq + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            {
                value = value[1..^1];
            }

            if (!labels.TryAdd(name, value))
            {
                return null;
            }
        }

        return quoted ? null : (key[..open], labels);
    }

    /// <summary>Parses an ISO-8601 string or a Unix time in seconds or milliseconds.</summary>
    public static bool TryParseTime(JsonElement value, out DateTimeOffset time)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String when DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time):
                return true;
            case JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n):
                time = FromUnix(n);
                return true;
            case JsonValueKind.Number:
                time = FromUnix(value.GetDouble());
                return true;
            default:
                time = default;
                return false;
        }
    }

    private static DateTimeOffset FromUnix(double value) =>
        value > 1e11 ? DateTimeOffset.FromUnixTimeMilliseconds((long)value) : DateTimeOffset.FromUnixTimeMilliseconds((long)(value * 1000));

    /// <summary>
    /// A one-key object such as <c>{"ERROR": "boom"}</c> is almost always a YAML list item <c>- ERROR: boom</c>, which
    /// YAML reads as a mapping: say so, and how to write the line as text.
    /// </summary>
    private static string QuoteHint(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object || entry.EnumerateObject().Count() != 1)
        {
            return string.Empty;
        }

        var only = entry.EnumerateObject().First();
        var line = only.Value.ValueKind == JsonValueKind.String ? $"{only.Name}: {only.Value.GetString()}" : only.Name + ": ...";
        return $"; in YAML, a list item \"- {line}\" is read as a key: value mapping, not a line of text: quote it (- \"{line}\")";
    }

    private static LogEntry ReadLog(JsonElement e, string field, string source)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            return new LogEntry(null, null, null, e.GetString()!);
        }

        var message = OptionalString(e, "message", field, source) ?? OptionalString(e, "msg", field, source)
            ?? throw Bad(source, $"{field}.message", "a log entry object needs a message" + QuoteHint(e));
        return new LogEntry(
            e.TryGetProperty("timestamp", out var ts) ? Time(ts, $"{field}.timestamp", source) : null,
            OptionalString(e, "service", field, source),
            OptionalString(e, "level", field, source),
            message);
    }

    private static MetricSeries ReadMetric(string key, JsonElement value, DateTimeOffset? start, double? step, string source)
    {
        var field = $"metrics.{key}";
        var (name, labels) = SplitLabels(key) ?? throw Bad(source, field, "a label set must be {name=value,...} at the end of the key");
        var (service, metric) = SplitMetricKey(name);
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return new MetricSeries(key, service, metric, [new MetricPoint(null, value.GetDouble())]) { Labels = labels };
            case JsonValueKind.Object:
                if (value.TryGetProperty("baseline", out var b) && value.TryGetProperty("current", out var c))
                {
                    return new MetricSeries(key, service, metric, [new MetricPoint(null, Number(c, $"{field}.current", source))], Number(b, $"{field}.baseline", source)) { Labels = labels };
                }

                throw Bad(source, field, "an object metric must be {baseline, current}");
            case JsonValueKind.Array:
                var points = new List<MetricPoint>(value.GetArrayLength());
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Number)
                    {
                        DateTimeOffset? at = start is { } s0 ? s0.AddSeconds(i * (step ?? 1)) : null;
                        points.Add(new MetricPoint(at, item.GetDouble()));
                    }
                    else if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() == 2)
                    {
                        points.Add(new MetricPoint(Time(item[0], $"{field}[{i}][0]", source), Number(item[1], $"{field}[{i}][1]", source)));
                    }
                    else
                    {
                        throw Bad(source, $"{field}[{i}]", "a series item must be a number or a [timestamp, value] pair");
                    }

                    i++;
                }

                return new MetricSeries(key, service, metric, points) { Labels = labels };
            default:
                throw Bad(source, field, "must be a number, a list of numbers, a list of [timestamp, value] pairs, or {baseline, current}");
        }
    }

    private static CommitInfo ReadCommit(JsonElement e, string field, string source)
    {
        var files = new List<CommitFile>();
        if (e.TryGetProperty("files", out var f))
        {
            if (f.ValueKind != JsonValueKind.Array)
            {
                throw Bad(source, $"{field}.files", "must be a list");
            }

            var i = 0;
            foreach (var file in f.EnumerateArray())
            {
                var ff = $"{field}.files[{i++}]";
                if (file.ValueKind == JsonValueKind.String)
                {
                    files.Add(new CommitFile(file.GetString()!, 0, 0, null));
                    continue;
                }

                files.Add(new CommitFile(
                    OptionalString(file, "path", ff, source) ?? OptionalString(file, "filename", ff, source) ?? throw Bad(source, $"{ff}.path", "is required"),
                    file.TryGetProperty("additions", out var a) ? (int)Number(a, $"{ff}.additions", source) : 0,
                    file.TryGetProperty("deletions", out var d) ? (int)Number(d, $"{ff}.deletions", source) : 0,
                    OptionalString(file, "patch", ff, source)));
            }
        }

        return new CommitInfo(
            OptionalString(e, "sha", field, source) ?? OptionalString(e, "id", field, source) ?? "unknown",
            OptionalString(e, "author", field, source),
            e.TryGetProperty("timestamp", out var ts) ? Time(ts, $"{field}.timestamp", source) : null,
            OptionalString(e, "message", field, source) ?? string.Empty,
            OptionalString(e, "service", field, source),
            files);
    }

    private static Deployment ReadDeployment(JsonElement e, string field, string source) => new(
        OptionalString(e, "service", field, source) ?? throw Bad(source, $"{field}.service", "is required"),
        OptionalString(e, "from_version", field, source),
        OptionalString(e, "to_version", field, source),
        e.TryGetProperty("started_at", out var s) ? Time(s, $"{field}.started_at", source) : null,
        e.TryGetProperty("completed_at", out var c) ? Time(c, $"{field}.completed_at", source) : null);

    private static TraceSpan ReadSpan(JsonElement e, string field, string source) => new(
        OptionalString(e, "trace_id", field, source) ?? "trace",
        OptionalString(e, "span_id", field, source) ?? throw Bad(source, $"{field}.span_id", "is required"),
        OptionalString(e, "parent_span_id", field, source),
        OptionalString(e, "service", field, source) ?? throw Bad(source, $"{field}.service", "is required"),
        OptionalString(e, "operation", field, source),
        e.TryGetProperty("start", out var st) ? Time(st, $"{field}.start", source) : null,
        e.TryGetProperty("duration_ms", out var d) ? Number(d, $"{field}.duration_ms", source) : 0,
        e.TryGetProperty("error", out var err) && err.ValueKind == JsonValueKind.True);

    private static IncidentAlert ReadAlert(JsonElement e, string source)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Bad(source, "alert", "must be an object {service, metric, at?}");
        }

        return new IncidentAlert(
            OptionalString(e, "service", "alert", source) ?? throw Bad(source, "alert.service", "is required"),
            OptionalString(e, "metric", "alert", source) ?? throw Bad(source, "alert.metric", "is required"),
            e.TryGetProperty("at", out var at) ? Time(at, "alert.at", source) : null);
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadTopology(JsonElement e, string source)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Bad(source, "topology", "must be an object: service -> [callees]");
        }

        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Array || p.Value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                throw Bad(source, $"topology.{p.Name}", "must be a list of service names");
            }

            result[p.Name] = [.. p.Value.EnumerateArray().Select(v => v.GetString()!)];
        }

        return result;
    }

    private static (JsonElement? Previous, JsonElement Current) ReadConfig(JsonElement config)
    {
        if (config.TryGetProperty("previous", out var p) && config.TryGetProperty("current", out var c)
            && p.ValueKind == JsonValueKind.Object && c.ValueKind == JsonValueKind.Object)
        {
            return (p, c);
        }

        return (null, config);
    }

    private static List<T> ReadArray<T>(JsonElement e, string field, string source, Func<JsonElement, string, string, T> read)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            throw Bad(source, field, "must be a list");
        }

        var list = new List<T>();
        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            var f = $"{field}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Bad(source, f, "must be an object");
            }

            list.Add(read(item, f, source));
        }

        return list;
    }

    private static string? OptionalString(JsonElement e, string name, string field, string source)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => throw Bad(source, $"{field}.{name}", "must be a string"),
        };
    }

    private static double Number(JsonElement e, string field, string source) =>
        e.ValueKind == JsonValueKind.Number ? e.GetDouble()
        : e.ValueKind == JsonValueKind.String && double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n
        : throw Bad(source, field, "must be a number");

    private static DateTimeOffset Time(JsonElement e, string field, string source) =>
        TryParseTime(e, out var t) ? t : throw Bad(source, field, "must be an ISO-8601 timestamp or a Unix time (seconds or milliseconds)");

    private static InvalidInputException Bad(string source, string field, string rule) => new(source, null, field, rule);
}
