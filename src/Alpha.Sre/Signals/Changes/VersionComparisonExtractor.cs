using System.Globalization;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals.Evidence;
using Alpha.Sre.Signals.Metrics;

namespace Alpha.Sre.Signals.Changes;

/// <summary>
/// Canary analysis of every rollout: after a deployment started, its new-version instances are compared with
/// its old-version instances of the same service over the same time, so load, dependencies and
/// infrastructure affect both sides alike and a difference points at the change itself. It reads the
/// breakdown series the incident gives per instance (keys <c>{service}.{metric}{version=...,instance=...}</c>,
/// docs/incident-format.md); series that differ only in <c>version</c> and <c>instance</c> form one family
/// (e.g. the success rate of the calls from one caller).
/// <list type="bullet">
/// <item>Compared: both sides have at least <see cref="MinSamples"/> samples from the rollout start on. The
/// score is the shift of medians in robust scales of the old side's samples (all its instances and times
/// pooled, so the spread between old instances is part of the yardstick), counted in the bad direction
/// only: success rates down, error rates, latency, CPU and connection use up.</item>
/// <item>Silent: a request family (success or error rates, traffic) where the old version reported while
/// the new one never did. Were the new version serving like the old one, even a single new instance would
/// fill each sampling slot (the median gap between samples of the service's breakdown series) from the time
/// the new version is up (its first sample of any metric, else the rollout start) to the old side's last sample with the rate q at which one old instance filled its slots
/// (rule of succession, (n + 1) / (k + 2) for n of k instance-slots filled), so k empty slots have
/// probability P = (1 - q)^k; the score is sqrt(-2 ln P), the z-score whose Gaussian tail bound is P (3 for
/// P = 1.1 %). Sparse traffic, which leaves old instances idle too, thus proves nothing.</item>
/// </list>
/// A <c>deployment_regression</c> signal (source <c>deployments</c>) is added per family whose score reaches
/// <see cref="MinScore"/>, the metric extractor's threshold. Memory and disk levels are not compared: a
/// freshly started process holds a different amount than a long-running one for reasons unrelated to a
/// defect, and saturation is already judged by the metric signals. Traffic levels are not compared either
/// (a rollout shifts traffic between versions by design); only their silence counts.
/// </summary>
public static class VersionComparisonExtractor
{
    /// <summary>The signal type.</summary>
    public const string SignalType = "deployment_regression";

    /// <summary>The label that names an instance's version.</summary>
    public const string VersionLabel = "version";

    /// <summary>The label that names the instance.</summary>
    public const string InstanceLabel = "instance";

    /// <summary>Score (robust scales, or the silence z-score) from which a regression is reported.</summary>
    public const double MinScore = MetricSignalExtractor.MinScore;

    /// <summary>Fewest samples on each side for a comparison of medians.</summary>
    public const int MinSamples = ChangeDetector.MinBaseline;

    /// <summary>Adds a <see cref="SignalType"/> signal for each regressed family of each deployment of <paramref name="incident"/>.</summary>
    public static void Extract(SreIncident incident, SignalBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var deployment in incident.Deployments)
        {
            foreach (var finding in Compare(incident, deployment).Where(f => f.Score >= MinScore).OrderByDescending(f => f.Score).ThenBy(f => f.Family, StringComparer.Ordinal))
            {
                Add(builder, deployment, finding);
            }
        }
    }

    /// <summary>Every family of <paramref name="deployment"/>'s service that could be judged, with its score (regressed or not).</summary>
    public static IReadOnlyList<VersionFinding> Compare(SreIncident incident, Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(deployment);
        if (deployment.ToVersion is not { } newVersion)
        {
            return [];
        }

        var start = deployment.StartedAt ?? deployment.CompletedAt;
        var findings = new List<VersionFinding>();
        var breakdowns = incident.Metrics.Where(m => m.Service == deployment.Service && m.Labels.ContainsKey(VersionLabel) && m.Points.Count > 0).ToArray();
        var step = SamplingStep(breakdowns);
        var families = breakdowns.GroupBy(Family, StringComparer.Ordinal);

        // The new version can only be silent from the time it is up: its first sample of any kind, else the rollout start.
        var newUp = breakdowns.Where(m => string.Equals(m.Labels[VersionLabel], newVersion, StringComparison.Ordinal))
            .SelectMany(m => m.Points).Select(p => p.Timestamp).Where(t => t is not null && (start is null || t >= start)).Min() ?? start;
        foreach (var family in families)
        {
            var metric = family.First().Metric;
            var kind = MetricKinds.Classify(metric);
            var isNew = (MetricSeries m) => string.Equals(m.Labels[VersionLabel], newVersion, StringComparison.Ordinal);
            var isOld = (MetricSeries m) => deployment.FromVersion is { } from ? string.Equals(m.Labels[VersionLabel], from, StringComparison.Ordinal) : !isNew(m);
            var oldSide = Window(family.Where(isOld), start);
            var newSide = Window(family.Where(isNew), start);
            if (oldSide.Values.Length < MinSamples)
            {
                continue;
            }

            var instances = (Old: family.Where(isOld).Select(Instance).Distinct(StringComparer.Ordinal).Count(), New: family.Where(isNew).Select(Instance).Distinct(StringComparer.Ordinal).Count());
            var oldMedian = Median(oldSide.Values);
            if (newSide.Values.Length == 0)
            {
                if (kind is MetricKind.Errors or MetricKind.Traffic && Silence(Window(family.Where(isOld), newUp).Times, newUp, step) is { } silence)
                {
                    findings.Add(new VersionFinding(family.Key, metric, kind, true, oldMedian, null, silence, oldSide.Values.Length, 0, instances.Old, 0));
                }

                continue;
            }

            if (newSide.Values.Length < MinSamples || BadDirection(kind, metric) is not { } bad)
            {
                continue;
            }

            var newMedian = Median(newSide.Values);
            var scale = Scale(oldSide.Values, oldMedian);
            var score = bad * (newMedian - oldMedian) / scale;
            findings.Add(new VersionFinding(family.Key, metric, kind, false, oldMedian, newMedian, Math.Max(score, 0), oldSide.Values.Length, newSide.Values.Length, instances.Old, instances.New));
        }

        return findings;
    }

    /// <summary>+1 when up is the bad direction for the metric, -1 when down is, null when its level is not compared.</summary>
    private static int? BadDirection(MetricKind kind, string metric) => kind switch
    {
        MetricKind.Errors => MetricKinds.IsSuccessLike(metric) ? -1 : 1,
        MetricKind.Latency or MetricKind.Cpu or MetricKind.Connections => 1,
        _ => null,
    };

    /// <summary>The silence z-score, or null when the sampling step is unknown.</summary>
    private static double? Silence(IReadOnlyDictionary<string, long[]> oldTimes, DateTimeOffset? start, double? step)
    {
        var all = oldTimes.Values.Where(t => t.Length > 0).ToArray();
        if (step is not { } seconds || all.Length == 0)
        {
            return null;
        }

        // Sampling slots from the rollout start (or the first sample) to a sample: how many an old instance
        // filled of those it was there for gives the rate one instance reports at; the new version, with at
        // least one instance, had every slot up to the old side's last sample to report in.
        var from = start?.ToUnixTimeSeconds() ?? all.Min(t => t[0]);
        int Slot(long t) => (int)Math.Round((t - from) / seconds);
        var filled = all.Sum(t => t.Select(Slot).Distinct().Count());
        var available = all.Sum(t => Slot(t[^1]) + 1);
        var rate = (Math.Min(filled, available) + 1.0) / (available + 2.0);
        var slots = all.Max(t => Slot(t[^1])) + 1;
        return Math.Sqrt(-2 * slots * Math.Log(1 - rate));
    }

    /// <summary>The sampling step of the service's breakdown series: the median over series of their median gap between samples.</summary>
    private static double? SamplingStep(MetricSeries[] series)
    {
        var gaps = series.Select(s => s.Points.Where(p => p.Timestamp is not null).Select(p => p.Timestamp!.Value.ToUnixTimeSeconds()).Distinct().Order().ToArray())
            .Where(t => t.Length >= 2)
            .Select(t => Median([.. t.Zip(t.Skip(1), (a, b) => (double)(b - a))]))
            .ToArray();
        return gaps.Length == 0 ? null : Median(gaps);
    }

    /// <summary>The samples from <paramref name="start"/> on, pooled, and the times each instance reported at.</summary>
    private static (double[] Values, Dictionary<string, long[]> Times) Window(IEnumerable<MetricSeries> series, DateTimeOffset? start)
    {
        var values = new List<double>();
        var times = new Dictionary<string, SortedSet<long>>(StringComparer.Ordinal);
        foreach (var s in series)
        {
            foreach (var p in s.Points)
            {
                if (double.IsFinite(p.Value) && p.Timestamp is { } t && (start is null || t >= start))
                {
                    values.Add(p.Value);
                    var instance = Instance(s);
                    if (!times.TryGetValue(instance, out var set))
                    {
                        set = [];
                        times.Add(instance, set);
                    }

                    set.Add(t.ToUnixTimeSeconds());
                }
            }
        }

        return ([.. values], times.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal));
    }

    private static string Family(MetricSeries series)
    {
        var labels = series.Labels.Where(l => l.Key is not VersionLabel and not InstanceLabel).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}").ToArray();
        return labels.Length == 0 ? series.Metric : $"{series.Metric}{{{string.Join(',', labels)}}}";
    }

    private static string Instance(MetricSeries series) => series.Labels.GetValueOrDefault(InstanceLabel) ?? series.Key;

    private static void Add(SignalBuilder builder, Deployment deployment, VersionFinding f)
    {
        var what = f.Silent
            ? string.Create(CultureInfo.InvariantCulture, $"reported no {f.Family} while {deployment.FromVersion ?? "the old version"} reported {f.OldSamples} samples (median {f.OldMedian:G4})")
            : string.Create(CultureInfo.InvariantCulture, $"{f.Family} is {f.NewMedian:G4} against {f.OldMedian:G4} on {deployment.FromVersion ?? "the old version"}");
        builder.Add(
            SignalType,
            string.Create(CultureInfo.InvariantCulture, $"new version {deployment.ToVersion} of {deployment.Service} {what} ({f.Score:0.0} {(f.Silent ? "z" : "robust scales")})"),
            f.Score >= 10 ? Severity.High : f.Score >= 5 ? Severity.Medium : Severity.Low,
            "deployments",
            f.Score,
            deployment.Service,
            deployment.StartedAt ?? deployment.CompletedAt,
            new DeploymentRegression(
                string.IsNullOrEmpty(deployment.FromVersion) ? null : deployment.FromVersion,
                string.IsNullOrEmpty(deployment.ToVersion) ? null : deployment.ToVersion,
                f.Family,
                f.Metric,
                f.Kind,
                f.Silent,
                f.OldMedian,
                f.NewMedian,
                f.OldSamples,
                f.NewSamples,
                f.OldInstances,
                f.NewInstances));
    }

    private static double Median(double[] values) => RobustStats.Median(values);

    private static double Scale(double[] values, double median) => RobustStats.Scale(values, median);
}
