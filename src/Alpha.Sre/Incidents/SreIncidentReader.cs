using System.Globalization;
using System.Text.Json;
using Alpha.Runtime.Schemas;

namespace Alpha.Sre.Incidents;

/// <summary>
/// Reads an incident document (parsed JSON, or YAML converted by <see cref="YamlJson"/>) into the typed <see cref="SreIncident"/>, once: log lines or entries, metric snapshots, series
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

    /// <summary>The top-level fields this reader gives a meaning; any other is kept in <see cref="SreIncident.Extensions"/>.</summary>
    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "deployment_id", "logs", "metrics", "recent_commits", "config_snapshot", "metrics_step_seconds", "metrics_start",
        "deployments", "traces", "topology", "alert", "detected_at", "window",
    };

    /// <summary>Reads the incident document <paramref name="root"/>; <paramref name="source"/> names the document in errors.</summary>
    public static SreIncident Read(JsonElement root, string source) => Read(root, null, source);

    /// <summary>
    /// Reads the incident document <paramref name="root"/> whose log entries, when <paramref name="streamedLogs"/> is
    /// given, were read apart (by <see cref="IncidentStreamReader"/>) and are not in <paramref name="root"/>.
    /// </summary>
    internal static SreIncident Read(JsonElement root, IReadOnlyList<LogEntry>? streamedLogs, string source)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Bad(source, "$", root.ValueKind == JsonValueKind.Null
                ? "must be a JSON object describing an incident, not null"
                : "must be an object describing an incident (deployment_id, logs, metrics...)");
        }

        var deploymentId = root.TryGetProperty("deployment_id", out var id)
            ? id.ValueKind == JsonValueKind.String ? id.GetString() : throw WrongType(source, "deployment_id")
            : throw Bad(source, "deployment_id", "the incident is missing the required field deployment_id (the deployment or incident id)");
        if (string.IsNullOrWhiteSpace(deploymentId))
        {
            throw Bad(source, "deployment_id", "is required and must not be empty");
        }

        var logs = Section(root, "logs", JsonValueKind.Array, source);
        var metrics = Section(root, "metrics", JsonValueKind.Object, source);
        var commits = Section(root, "recent_commits", JsonValueKind.Array, source);
        var config = root.TryGetProperty("config_snapshot", out var cs) ? cs : default;
        if (config.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            throw Bad(source, "config_snapshot", "must be an object");
        }

        var step = root.TryGetProperty("metrics_step_seconds", out var s) ? Number(s, "metrics_step_seconds", source) : (double?)null;
        DateTimeOffset? metricsStart = root.TryGetProperty("metrics_start", out var ms) ? Time(ms, "metrics_start", source) : null;
        var (previous, current) = config.ValueKind == JsonValueKind.Object ? ReadConfig(config.Clone()) : (null, SreIncident.EmptyObject);
        Dictionary<string, JsonElement>? extensions = null;
        foreach (var field in root.EnumerateObject())
        {
            if (!KnownFields.Contains(field.Name))
            {
                (extensions ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[field.Name] = field.Value.Clone();
            }
        }

        return new SreIncident
        {
            DeploymentId = deploymentId,
            Logs = streamedLogs ?? (logs is { } l ? ReadLogs(l, source) : []),
            Metrics = metrics is { } m ? [.. m.EnumerateObject().Select(kv => ReadMetric(kv.Name, kv.Value, metricsStart, step, source))] : [],
            Commits = commits is { } c ? ReadCommits(c, source) : [],
            ConfigCurrent = current,
            ConfigPrevious = previous,
            Deployments = root.TryGetProperty("deployments", out var d) ? ReadArray(d, "deployments", source, ReadDeployment) : [],
            Traces = root.TryGetProperty("traces", out var t) ? ReadArray(t, "traces", source, ReadSpan) : [],
            Topology = root.TryGetProperty("topology", out var topo) ? ReadTopology(topo, source) : new Dictionary<string, IReadOnlyList<string>>(),
            Alert = root.TryGetProperty("alert", out var alert) ? ReadAlert(alert, source) : null,
            DetectedAt = root.TryGetProperty("detected_at", out var da) ? Time(da, "detected_at", source) : (DateTimeOffset?)null,
            WindowStart = root.TryGetProperty("window", out var w) && w.ValueKind == JsonValueKind.Object && w.TryGetProperty("start", out var ws) ? Time(ws, "window.start", source) : null,
            WindowEnd = root.TryGetProperty("window", out var w2) && w2.ValueKind == JsonValueKind.Object && w2.TryGetProperty("end", out var we) ? Time(we, "window.end", source) : null,
            Extensions = extensions ?? SreIncident.NoExtensions,
        };
    }

    /// <summary>
    /// A metric series from its key as written in an incident (<c>orders.cpu</c>, <c>orders_cpu{version=v2}</c>...):
    /// the service, metric name and labels come from the key, as when the document is read.
    /// </summary>
    /// <exception cref="InvalidInputException">The key's label set is malformed.</exception>
    public static MetricSeries Series(string key, IReadOnlyList<MetricPoint> points, string source, double? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw Bad(source, "metrics", "metric names must not be empty");
        }

        var (name, labels) = SplitLabels(key) ?? throw Bad(source, $"metrics.{key}", "a label set must be {name=value,...} at the end of the key");
        var (service, metric) = SplitMetricKey(name);
        return new MetricSeries(key, service, metric, points, baseline) { Labels = labels };
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

    /// <summary>A Unix time in seconds, or in milliseconds when above 1e11 (as the reader takes numbers).</summary>
    public static DateTimeOffset FromUnix(double value) =>
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
            message,
            OptionalString(e, "trace_id", field, source));
    }

    private static MetricSeries ReadMetric(string key, JsonElement value, DateTimeOffset? start, double? step, string source)
    {
        var field = $"metrics.{key}";
        if (string.IsNullOrWhiteSpace(key))
        {
            throw Bad(source, "metrics", "metric names must not be empty");
        }

        if (value.ValueKind is not (JsonValueKind.Number or JsonValueKind.Array or JsonValueKind.Object))
        {
            throw Bad(source, field, "must be a number, a list (series) or an object");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return Series(key, [new MetricPoint(null, value.GetDouble())], source);
            case JsonValueKind.Object:
                if (value.TryGetProperty("baseline", out var b) && value.TryGetProperty("current", out var c))
                {
                    var current = Number(c, $"{field}.current", source);
                    return Series(key, [new MetricPoint(null, current)], source, Number(b, $"{field}.baseline", source));
                }

                SplitLabelsOrThrow(key, field, source);
                throw Bad(source, field, "an object metric must be {baseline, current}");
            default:
                SplitLabelsOrThrow(key, field, source);
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

                return Series(key, points, source);
        }
    }

    private static void SplitLabelsOrThrow(string key, string field, string source)
    {
        if (SplitLabels(key) is null)
        {
            throw Bad(source, field, "a label set must be {name=value,...} at the end of the key");
        }
    }

    private static List<LogEntry> ReadLogs(JsonElement logs, string source)
    {
        var result = new List<LogEntry>(logs.GetArrayLength());
        var i = 0;
        foreach (var log in logs.EnumerateArray())
        {
            result.Add(ReadLogItem(log, i++, source));
        }

        return result;
    }

    /// <summary>The log entry <paramref name="log"/>, item <paramref name="index"/> of <c>logs</c>.</summary>
    internal static LogEntry ReadLogItem(JsonElement log, int index, string source)
    {
        var field = $"logs[{index}]";
        if (log.ValueKind is not (JsonValueKind.String or JsonValueKind.Object))
        {
            throw Bad(source, field, "must be a log line (string) or a log entry (object)");
        }

        return ReadLog(log, field, source);
    }

    private static List<CommitInfo> ReadCommits(JsonElement commits, string source)
    {
        var result = new List<CommitInfo>(commits.GetArrayLength());
        var i = 0;
        foreach (var commit in commits.EnumerateArray())
        {
            var field = $"recent_commits[{i++}]";
            if (commit.ValueKind != JsonValueKind.Object)
            {
                throw Bad(source, field, "must be an object");
            }

            result.Add(ReadCommit(commit, field, source));
        }

        return result;
    }

    /// <summary>A section of the given kind, or null when absent or null; another kind is a type error.</summary>
    private static JsonElement? Section(JsonElement root, string name, JsonValueKind kind, string source) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == kind ? value
        : throw WrongType(source, name);

    private static InvalidInputException WrongType(string source, string name) =>
        Bad(source, $"$.{name}", "has the wrong JSON type for this field (check the documented format)");

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
