using System.Text;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Alpha.Sre.Evaluation.Csv;

namespace Alpha.Sre.Evaluation.Importers;

/// <summary>
/// The Nezha layout (IntelligentDDS/Nezha, Train Ticket / Online Boutique): a day folder <c>rca_data/{date}/</c> with
/// <c>{date}-fault_list.json</c>, per-minute <c>log/HH_mm_log.csv</c> and <c>trace/HH_mm_trace.csv</c>, and
/// <c>metric/{pod}_metric.csv</c>; the fault-free <c>construct_data/{date}/</c> sits beside <c>rca_data</c>. One
/// incident per injected fault, the same window for every case:
/// <list type="bullet">
/// <item><description><c>detected_at</c> = <c>inject_time</c> (Nezha's own evaluation takes the injection as the alert time);</description></item>
/// <item><description>logs and traces: the fault-free construct_data files as the baseline, then the lines and spans
/// from <c>inject_time</c> to <see cref="IncidentMinutes"/> after it. The reference is moved in time, all by one
/// shift that keeps its own spacing, to end a second before <c>inject_time</c>, so rates before the onset are rates
/// over the reference rather than over the hours between it and the fault. The minutes just before
/// <c>inject_time</c> are not the baseline because injections follow each other every few minutes and an earlier
/// fault can still be running then; only without construct_data do the <see cref="BaselineMinutes"/> before
/// <c>inject_time</c> serve instead;</description></item>
/// <item><description>metrics: every pod's columns from <see cref="BaselineMinutes"/> before to <see cref="IncidentMinutes"/> after
/// <c>inject_time</c>, keyed <c>{service}.{metric}</c> with names made snake_case (<c>CpuUsageRate(%)</c> ->
/// <c>cpu_usage_rate_pct</c>); the node columns (<c>Node*</c>: the host, shared by every pod on it) and
/// <c>front_service.csv</c> (the whole application's user-facing latency, not a component) are left out;</description></item>
/// <item><description>topology: caller -> callee services from the spans' parent links;</description></item>
/// <item><description>size: at most <see cref="MaxSpans"/> spans and <see cref="MaxLogs"/> log lines per incident; beyond that,
/// whole traces (chosen by a stable hash of the trace id) and evenly spaced log lines are kept.</description></item>
/// </list>
/// Services are pod names without their Kubernetes suffixes (<see cref="NezhaPodNames"/>). Label: the service of
/// <c>inject_pod</c>, and cpu_contention, cpu_consumed -> cpu; network_delay -> network-delay; return, exception ->
/// code-exception.
/// </summary>
public sealed class NezhaImporter : IIncidentImporter
{
    /// <summary>Minutes of telemetry after <c>inject_time</c> that form the incident.</summary>
    public const int IncidentMinutes = 3;

    /// <summary>Minutes of metrics before <c>inject_time</c> (and of logs and traces when there is no construct_data).</summary>
    public const int BaselineMinutes = 10;

    /// <summary>Most spans per incident.</summary>
    public const int MaxSpans = 30_000;

    /// <summary>Most log lines per incident.</summary>
    public const int MaxLogs = 20_000;

    private const string FaultListSuffix = "-fault_list.json";

    /// <inheritdoc />
    public string Format => "nezha";

    /// <inheritdoc />
    public IReadOnlyList<string> FindCases(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return [.. Directory.EnumerateFiles(root, "*" + FaultListSuffix, SearchOption.AllDirectories)
            .Select(f => Path.GetDirectoryName(f)!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public IReadOnlyList<ImportedCase> Import(string root, string casePath)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(casePath);
        var list = Directory.Exists(casePath) ? Directory.EnumerateFiles(casePath, "*" + FaultListSuffix).Order(StringComparer.Ordinal).FirstOrDefault() : null;
        if (list is null)
        {
            throw new InvalidInputException(casePath, null, "$", $"no *{FaultListSuffix} in this day folder");
        }

        var day = new DirectoryInfo(casePath);
        var construct = Path.Combine(day.Parent?.Parent?.FullName ?? casePath, "construct_data", day.Name);
        var daySkipped = new CsvSkipLog();
        var referenceSpans = NezhaTelemetry.MinuteFiles(Path.Combine(construct, "trace"), "trace").SelectMany(f => NezhaTelemetry.ReadSpans(f.Path, daySkipped)).ToList();
        var referenceLogs = NezhaTelemetry.MinuteFiles(Path.Combine(construct, "log"), "log").SelectMany(f => NezhaTelemetry.ReadLogs(f.Path, daySkipped)).ToList();
        var metrics = ReadMetrics(Path.Combine(casePath, "metric"), daySkipped);
        var dayId = Path.GetRelativePath(root, casePath).Replace('\\', '/');
        if (dayId == ".")
        {
            dayId = day.Name;
        }

        var cases = new List<ImportedCase>();
        foreach (var fault in NezhaFault.ReadList(list))
        {
            var caseId = $"{dayId}/{fault.InjectTime:HH:mm:ss}";
            var start = fault.InjectTime;
            var end = start.AddMinutes(IncidentMinutes);
            var skipped = new CsvSkipLog();
            var (spans, logs) = Telemetry(casePath, start, end, referenceSpans, referenceLogs, skipped);
            var builder = new IncidentBuilder($"nezha/{caseId}").DetectedAt(start);
            foreach (var (key, points) in metrics)
            {
                builder.Series(key, points.Where(p => p.UnixSeconds >= start.AddMinutes(-BaselineMinutes).ToUnixTimeSeconds() && p.UnixSeconds <= end.ToUnixTimeSeconds()));
            }

            foreach (var log in logs.OrderBy(l => l.Timestamp))
            {
                builder.Log(log.Timestamp, log.Service, log.Level, log.Message, log.TraceId);
            }

            var services = new Dictionary<(string, string), string>();
            foreach (var s in spans)
            {
                services.TryAdd((s.TraceId, s.SpanId), s.Service);
            }

            foreach (var s in spans.OrderBy(s => s.Start))
            {
                builder.Span(s.TraceId, s.SpanId, s.ParentSpanId, s.Service, s.Operation, s.Start, Math.Round(s.DurationMs, 3), s.Error);
                if (s.ParentSpanId is { } parent && services.TryGetValue((s.TraceId, parent), out var caller) && !string.Equals(caller, s.Service, StringComparison.Ordinal))
                {
                    builder.Calls(caller, s.Service);
                }
            }

            cases.Add(new ImportedCase(caseId, builder.Build(caseId), LabelOf(fault)) { SkippedRows = [.. daySkipped.Rows, .. skipped.Rows] });
        }

        return cases;
    }

    /// <summary>The label of one fault: its pod's service and the fault in Alpha's taxonomy (null for a type it does not map).</summary>
    public static CaseLabel LabelOf(NezhaFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var type = fault.Type.ToLowerInvariant() switch
        {
            "cpu_contention" or "cpu_consumed" => FaultTypes.Cpu,
            "network_delay" => FaultTypes.NetworkDelay,
            "return" or "exception" => FaultTypes.CodeException,
            _ => null,
        };
        return new CaseLabel(NezhaPodNames.ServiceOf(fault.Pod), type, fault.Type);
    }

    /// <summary>A metric column name in snake_case, with a unit in parentheses as a last word (<c>%</c> -> <c>pct</c>).</summary>
    public static string MetricName(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var text = column.Trim();
        var unit = "";
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open > 0 && text.EndsWith(')'))
        {
            unit = text[(open + 1)..^1].Trim() switch
            {
                "%" => "pct",
                var u => new string([.. u.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]),
            };
            text = text[..open];
        }

        var name = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                if (name.Length > 0 && name[^1] != '_')
                {
                    name.Append('_');
                }

                continue;
            }

            // A new word starts at an upper-case letter after a lower-case letter or digit, or before a lower-case letter in an acronym (HTTPServer -> http_server).
            var boundary = char.IsAsciiLetterUpper(c) && i > 0 && name.Length > 0 && name[^1] != '_'
                && (char.IsAsciiLetterLower(text[i - 1]) || char.IsAsciiDigit(text[i - 1]) || (i + 1 < text.Length && char.IsAsciiLetterLower(text[i + 1]) && char.IsAsciiLetterUpper(text[i - 1])));
            if (boundary)
            {
                name.Append('_');
            }

            name.Append(char.ToLowerInvariant(c));
        }

        var result = name.ToString().Trim('_');
        return unit.Length > 0 ? $"{result}_{unit}" : result;
    }

    private static List<(string Key, List<(double UnixSeconds, double Value)> Points)> ReadMetrics(string folder, CsvSkipLog skipped)
    {
        const string suffix = "_metric.csv";
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var pods = Directory.EnumerateFiles(folder, "*" + suffix).Order(StringComparer.Ordinal)
            .Select(f => (Pod: Path.GetFileName(f)[..^suffix.Length], Path: f))
            .ToArray();
        var podsPerService = pods.GroupBy(p => NezhaPodNames.ServiceOf(p.Pod), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var series = new List<(string, List<(double, double)>)>();
        foreach (var (pod, path) in pods)
        {
            var table = CsvTable.Read(path, skipped);
            var time = table.IndexOf("TimeStamp");
            if (time < 0)
            {
                throw new InvalidInputException(path, 1, "TimeStamp", "a TimeStamp column (Unix seconds) is required");
            }

            var service = NezhaPodNames.ServiceOf(pod);

            // Several pods of one service keep a series each, told apart by the pod's own suffix.
            var podPart = podsPerService[service] > 1 && pod.Length > service.Length ? "." + pod[(service.Length + 1)..] : "";
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var column = table.Columns[c];
                if (c == time || column is "Time" or "PodName" || column.StartsWith("Node", StringComparison.Ordinal))
                {
                    continue;
                }

                var index = c;
                series.Add(($"{service}.{MetricName(column)}{podPart}", [.. table.Rows.Select(r => (r[time], r[index]))]));
            }
        }

        return series;
    }

    /// <summary>
    /// The spans and log lines of one incident: the construct_data reference moved to end just before
    /// <paramref name="start"/>, then the day's own telemetry from <paramref name="start"/> to <paramref name="end"/>;
    /// without a reference, the day's telemetry from <see cref="BaselineMinutes"/> before <paramref name="start"/>.
    /// </summary>
    private static (List<TraceSpan> Spans, List<LogEntry> Logs) Telemetry(string day, DateTimeOffset start, DateTimeOffset end, List<TraceSpan> referenceSpans, List<LogEntry> referenceLogs, CsvSkipLog skipped)
    {
        var hasReference = referenceSpans.Count > 0 || referenceLogs.Count > 0;
        var from = hasReference ? start : start.AddMinutes(-BaselineMinutes);
        var spans = Cap(InWindow(day, "trace", from, end, p => NezhaTelemetry.ReadSpans(p, skipped), s => s.Start!.Value), MaxSpans - Math.Min(referenceSpans.Count, MaxSpans / 3));
        var logs = Cap(InWindow(day, "log", from, end, p => NezhaTelemetry.ReadLogs(p, skipped), l => l.Timestamp!.Value), MaxLogs - Math.Min(referenceLogs.Count, MaxLogs / 3));
        if (!hasReference)
        {
            return (spans, logs);
        }

        // One shift for the whole reference keeps its own spacing; it ends a second before the incident starts, so
        // rates before the onset are rates over the reference, not over the hours between it and the fault.
        var referenceEnd = referenceSpans.Select(s => s.Start!.Value).Concat(referenceLogs.Select(l => l.Timestamp!.Value)).Max();
        var shift = start.AddSeconds(-1) - referenceEnd;
        return (
            [.. Cap(referenceSpans, MaxSpans / 3).Select(s => s with { Start = s.Start + shift }), .. spans],
            [.. Cap(referenceLogs, MaxLogs / 3).Select(l => l with { Timestamp = l.Timestamp + shift }), .. logs]);
    }

    private static IEnumerable<T> InWindow<T>(string day, string kind, DateTimeOffset from, DateTimeOffset end, Func<string, IEnumerable<T>> read, Func<T, DateTimeOffset> timeOf)
    {
        // A minute file holds about that minute (its first seconds may belong to the minute before): read the files
        // from the minute before the window to the minute after, then keep what falls inside.
        var first = (int)from.TimeOfDay.TotalMinutes - 1;
        var last = (int)end.TimeOfDay.TotalMinutes + 1;
        var sameDay = from.Date == end.Date;
        foreach (var (minute, path) in NezhaTelemetry.MinuteFiles(Path.Combine(day, kind), kind))
        {
            if (sameDay ? minute >= first && minute <= last : minute >= first || minute <= last)
            {
                foreach (var item in read(path))
                {
                    var t = timeOf(item);
                    if (t >= from && t < end)
                    {
                        yield return item;
                    }
                }
            }
        }
    }

    private static List<T> Cap<T>(IEnumerable<T> items, int max)
    {
        var all = items.ToList();
        if (all.Count <= max)
        {
            return all;
        }

        if (all is List<TraceSpan> spans)
        {
            // Whole traces, so parent links stay intact: a stable hash of the trace id decides.
            var keep = (double)max / all.Count;
            return [.. spans.Where(s => Fnv(s.TraceId) % 10_000 < keep * 10_000).Cast<T>()];
        }

        var step = (double)all.Count / max;
        return [.. Enumerable.Range(0, max).Select(i => all[(int)(i * step)])];
    }

    private static uint Fnv(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
