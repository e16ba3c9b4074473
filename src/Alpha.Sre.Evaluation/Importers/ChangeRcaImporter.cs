using Alpha.Runtime.Schemas;
using Alpha.Sre.Evaluation.Csv;

namespace Alpha.Sre.Evaluation.Importers;

/// <summary>
/// The ChangeRCA layout (IntelligentDDS/ChangeRCA, Online Boutique): a case folder <c>{case}/</c> with
/// <c>{case}.json</c> (the rollout plan per service: release time, steps with the pods each step created and
/// deleted and when it completed; the detection time) and one CSV per pod and call edge,
/// <c>{pod}_{caller}_{callee}.csv</c> (<c>Timestamp</c> in Unix seconds, <c>SuccessRate</c>, <c>Latency</c>,
/// <c>CPUUsageRate(%)</c>, <c>MemoryUsageRate(%)</c>). One incident per case:
/// <list type="bullet">
/// <item><c>deployments</c>: one per rolled-out service, <c>from_version</c>/<c>to_version</c> read from the
/// names of the pods the plan deletes and creates (<c>{service}-{version}-{replicaset}-{pod}</c>),
/// <c>started_at</c> = release time, <c>completed_at</c> = the last step's completion.</item>
/// <item><c>detected_at</c>: the plan's detection time.</item>
/// <item>Per service: <c>{service}.success_rate</c> (the calls it served, from the files where it is the
/// callee), <c>{service}.latency</c>, <c>{service}.cpu_usage_percent</c>, <c>{service}.memory_usage_percent</c>,
/// each the mean over its pods at each sampling step.</item>
/// <item>Per pod, the same metrics as breakdown series labelled with the pod's version and name,
/// <c>{service}.{metric}{version=v2,instance=pod}</c> (success rates also with <c>caller</c>), so the analysis
/// can compare a rollout's new pods with its old ones (docs/incident-format.md, "Breakdown series").
/// Latency and resource use are per pod (the same in every edge file of a pod); they are taken as the median over its files.</item>
/// <item><c>topology</c>: caller -> callee from the file names.</item>
/// </list>
/// A pod the plan deletes has no samples after the step that deleted it completed (some files carry on under the
/// old pod's name after that). Label: <c>fault_release_service</c> (the service whose change is defective) and the
/// data set's fault name; no fault type (the data set names defects, not mechanisms). Nothing else of the case
/// file reaches the incident. Not imported: the caller-side success rates of outbound calls, node metrics,
/// <c>dependency.csv</c>, <c>source_success.csv</c>/<c>destination_success.csv</c> and the baselines' outputs.
/// </summary>
public sealed class ChangeRcaImporter : IIncidentImporter
{
    private const string SuccessRate = "success_rate";
    private const string Latency = "latency";
    private const string Cpu = "cpu_usage_percent";
    private const string Memory = "memory_usage_percent";

    private static readonly (string Column, string Metric)[] PodColumns =
    [
        ("Latency", Latency),
        ("CPUUsageRate(%)", Cpu),
        ("MemoryUsageRate(%)", Memory),
    ];

    /// <inheritdoc />
    public string Format => "changerca";

    /// <inheritdoc />
    public IReadOnlyList<string> FindCases(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return [.. new[] { root }.Concat(Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories))
            .Where(d => File.Exists(Path.Combine(d, new DirectoryInfo(d).Name + ".json")))
            .Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public IReadOnlyList<ImportedCase> Import(string root, string casePath)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(casePath);
        var name = new DirectoryInfo(casePath).Name;
        var plan = ChangeRcaPlan.Read(Path.Combine(casePath, name + ".json"));
        var skipped = new CsvSkipLog();
        var caseId = Path.GetRelativePath(root, casePath).Replace('\\', '/');
        if (caseId == ".")
        {
            caseId = name;
        }

        var edges = Directory.EnumerateFiles(casePath, "*.csv")
            .Select(f => (File: f, Parts: Path.GetFileNameWithoutExtension(f).Split('_')))
            .Where(e => e.Parts.Length == 3 && e.Parts.All(p => p.Length > 0))
            .OrderBy(e => e.File, StringComparer.Ordinal)
            .ToArray();
        var services = edges.SelectMany(e => new[] { e.Parts[1], e.Parts[2] }).Concat(plan.Rollouts.Select(r => r.Service))
            .Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();
        var deletedAt = plan.Rollouts.SelectMany(r => r.DeletedPods).GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(kv => kv.Value), StringComparer.Ordinal);

        var builder = new IncidentBuilder($"changerca/{caseId}").DetectedAt(plan.DetectedAt);
        foreach (var rollout in plan.Rollouts)
        {
            builder.Deployment(
                rollout.Service,
                CommonVersion(rollout.DeletedPods.Keys, rollout.Service),
                CommonVersion(rollout.ReleasedPods, rollout.Service),
                rollout.StartedAt,
                rollout.CompletedAt);
        }

        var pods = new SortedDictionary<string, PodSamples>(StringComparer.Ordinal);
        foreach (var (file, parts) in edges)
        {
            var (pod, caller, callee) = (parts[0], parts[1], parts[2]);
            if (caller != callee)
            {
                builder.Calls(caller, callee);
            }

            var service = services.FirstOrDefault(s => pod.StartsWith(s + "-", StringComparison.Ordinal));
            if (service is null)
            {
                continue;
            }

            if (!pods.TryGetValue(pod, out var samples))
            {
                samples = new PodSamples(service, VersionOf(pod, service));
                pods.Add(pod, samples);
            }

            var gone = deletedAt.TryGetValue(pod, out var at) ? at.ToUnixTimeSeconds() : long.MaxValue;
            samples.Add(CsvTable.Read(file, skipped), file, service == callee ? caller : null, gone);
        }

        var step = SamplingStep(pods.Values);
        foreach (var service in pods.Values.Select(p => p.Service).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var own = pods.Where(p => p.Value.Service == service).ToArray();
            builder.Series($"{service}.{SuccessRate}", MeanPerStep(own.SelectMany(p => p.Value.Served.Values), step));
            foreach (var (_, metric) in PodColumns)
            {
                builder.Series($"{service}.{metric}", MeanPerStep(own.Select(p => p.Value.PerPod(metric)), step));
            }

            foreach (var (pod, samples) in own)
            {
                var labels = samples.Version is { } v ? $"version={v},instance={pod}" : $"instance={pod}";
                foreach (var (caller, served) in samples.Served.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    builder.Series($"{service}.{SuccessRate}{{{labels},caller={caller}}}", served.Select(kv => ((double)kv.Key, kv.Value)));
                }

                foreach (var (_, metric) in PodColumns)
                {
                    builder.Series($"{service}.{metric}{{{labels}}}", samples.PerPod(metric).Select(kv => ((double)kv.Key, kv.Value)));
                }
            }
        }

        return [new ImportedCase(caseId, builder.Build(caseId), plan.Label) { SkippedRows = skipped.Rows }];
    }

    /// <summary>The version in a pod name <c>{service}-{version}-{replicaset}-{pod}</c>, or null when the name has no such part.</summary>
    internal static string? VersionOf(string pod, string service)
    {
        var rest = pod.Length > service.Length + 1 ? pod[(service.Length + 1)..].Split('-') : [];
        return rest.Length >= 3 ? string.Join('-', rest[..^2]) : null;
    }

    private static string? CommonVersion(IEnumerable<string> pods, string service)
    {
        var versions = pods.Select(p => p.StartsWith(service + "-", StringComparison.Ordinal) ? VersionOf(p, service) : null).Distinct(StringComparer.Ordinal).ToArray();
        return versions.Length == 1 ? versions[0] : null;
    }

    /// <summary>The typical spacing of samples (median over pods of the median gap), so pods sampled a second apart share a step.</summary>
    private static long SamplingStep(IEnumerable<PodSamples> pods)
    {
        var gaps = pods.Select(p => p.MedianGap()).Where(g => g > 0).Order().ToArray();
        return gaps.Length == 0 ? 60 : gaps[gaps.Length / 2];
    }

    private static IEnumerable<(double, double)> MeanPerStep(IEnumerable<SortedDictionary<long, double>> series, long step)
    {
        var buckets = new SortedDictionary<long, (double Sum, int Count)>();
        foreach (var s in series)
        {
            foreach (var (t, v) in s)
            {
                var bucket = (long)Math.Round(t / (double)step) * step;
                var (sum, count) = buckets.GetValueOrDefault(bucket);
                buckets[bucket] = (sum + v, count + 1);
            }
        }

        return buckets.Select(kv => ((double)kv.Key, kv.Value.Sum / kv.Value.Count));
    }

    /// <summary>The samples of one pod: per-pod metrics from every edge file, success rates of the calls it served per caller.</summary>
    private sealed class PodSamples(string service, string? version)
    {
        private readonly Dictionary<string, SortedDictionary<long, List<double>>> _perPod = new(StringComparer.Ordinal);

        public string Service { get; } = service;

        public string? Version { get; } = version;

        public SortedDictionary<string, SortedDictionary<long, double>> Served { get; } = new(StringComparer.Ordinal);

        public void Add(CsvTable table, string file, string? servedCaller, long goneAfter)
        {
            var time = table.IndexOf("Timestamp");
            if (time < 0)
            {
                throw new InvalidInputException(file, 1, "Timestamp", "a Timestamp column (Unix seconds) is required");
            }

            var success = table.IndexOf("SuccessRate");
            var columns = PodColumns.Select(c => (Index: table.IndexOf(c.Column), c.Metric)).Where(c => c.Index >= 0).ToArray();
            foreach (var row in table.Rows)
            {
                if (!double.IsFinite(row[time]) || row[time] > goneAfter)
                {
                    continue;
                }

                var t = (long)row[time];
                foreach (var (index, metric) in columns)
                {
                    if (double.IsFinite(row[index]))
                    {
                        if (!_perPod.TryGetValue(metric, out var series))
                        {
                            series = [];
                            _perPod.Add(metric, series);
                        }

                        if (!series.TryGetValue(t, out var values))
                        {
                            values = [];
                            series.Add(t, values);
                        }

                        values.Add(row[index]);
                    }
                }

                if (servedCaller is not null && success >= 0 && double.IsFinite(row[success]))
                {
                    if (!Served.TryGetValue(servedCaller, out var served))
                    {
                        served = [];
                        Served.Add(servedCaller, served);
                    }

                    served[t] = row[success];
                }
            }
        }

        public SortedDictionary<long, double> PerPod(string metric)
        {
            var result = new SortedDictionary<long, double>();
            if (_perPod.TryGetValue(metric, out var series))
            {
                foreach (var (t, values) in series)
                {
                    values.Sort();
                    result[t] = values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
                }
            }

            return result;
        }

        public long MedianGap()
        {
            var times = _perPod.Values.SelectMany(s => s.Keys).Distinct().Order().ToArray();
            if (times.Length < 2)
            {
                return 0;
            }

            var gaps = times.Zip(times.Skip(1), (a, b) => b - a).Order().ToArray();
            return gaps[gaps.Length / 2];
        }
    }
}
