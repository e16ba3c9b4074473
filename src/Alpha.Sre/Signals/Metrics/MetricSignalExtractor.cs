using System.Buffers;
using System.Globalization;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals.Evidence;

namespace Alpha.Sre.Signals.Metrics;

/// <summary>
/// Metric signals. Series: <see cref="ChangeDetector"/> against the baseline before the incident's
/// detection time (or a detected change point); a signal when the robust score reaches
/// <see cref="MinScore"/>. <c>{baseline, current}</c> pairs: a signal when the value moved by at least
/// half its baseline. Snapshots (one number): a signal only for a utilisation-like ratio at or above
/// 0.9 (90 when written as a percentage) or an error ratio at or above 0.05, the only levels that
/// mean something without a baseline. The same level rule applies to the last value of a series whose
/// name says it is a utilisation (percent, pct, util, usage, used, ratio).
/// </summary>
public static class MetricSignalExtractor
{
    /// <summary>Robust score (in baseline scales) from which a change is reported.</summary>
    public const double MinScore = 3.0;

    /// <summary>Adds the signals of <paramref name="incident"/>'s metrics to <paramref name="builder"/>; returns every analysed change, for agents that rank services.</summary>
    public static void Extract(SreIncident incident, SignalBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(builder);
        var onsetTime = incident.DetectedAt ?? incident.WindowStart;
        var coMovement = AlertCoMovement.For(incident);
        var found = new List<(MetricSeries Series, MetricKind Kind, ChangeResult Change)>();
        foreach (var series in incident.Metrics)
        {
            var kind = MetricKinds.Classify(series.Metric);
            if (series.Baseline is { } baseline)
            {
                BaselinePair(series, kind, baseline, series.Points[^1].Value, coMovement, builder);
            }
            else if (series.Points.Count == 1)
            {
                Snapshot(series, kind, series.Points[0].Value, coMovement, builder);
            }
            else
            {
                // The values are scratch (the detector copies what it keeps): rented, not allocated per series.
                var rented = ArrayPool<double>.Shared.Rent(series.Points.Count);
                var values = rented.AsSpan(0, series.Points.Count);
                int? knownOnset = null;
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = series.Points[i].Value;
                    if (knownOnset is null && onsetTime is { } t && series.Points[i].Timestamp is { } ts && ts >= t)
                    {
                        knownOnset = i;
                    }
                }

                if (ChangeDetector.Detect(values, knownOnset, levelRelative: !MetricKinds.IsSuccessLike(series.Metric)) is { } change && change.Score >= MinScore)
                {
                    found.Add((series, kind, change));
                }

                // A utilisation named as such (percent, usage, used...) at its ceiling is saturated whatever its history.
                if (NamesUtilisation(series.Metric) && LastFinite(values) is var lastValue && double.IsFinite(lastValue))
                {
                    Snapshot(series, kind, lastValue, coMovement, builder);
                }

                ArrayPool<double>.Shared.Return(rented);
            }
        }

        // Strongest first, so sig ids follow evidence strength within the metrics section.
        foreach (var (series, kind, change) in found.OrderByDescending(f => f.Change.Score).ThenBy(f => f.Series.Key, StringComparer.Ordinal))
        {
            var onset = series.Points[change.OnsetIndex].Timestamp;
            var verb = change.Direction >= 0 ? "rose" : "fell";
            builder.Add(
                SignalTypes.MetricAnomaly,
                string.Create(CultureInfo.InvariantCulture, $"{series.Key} {verb} from {change.BaselineMedian:G4} to {change.AnomalousMedian:G4} (peak {change.PeakScore:0.0}, sustained {change.SustainedScore:0.0}, shift {change.ShiftScore:0.0} baseline scales){(onset is { } o ? $" from {o:HH:mm:ss}" : "")}"),
                change.Score >= 10 ? Severity.High : change.Score >= 5 ? Severity.Medium : Severity.Low,
                "metrics",
                change.Score,
                series.Service,
                onset,
                new MetricChange(
                    series.Metric,
                    kind,
                    change.Direction >= 0 ? ChangeDirection.Up : ChangeDirection.Down,
                    change.BaselineMedian,
                    change.AnomalousMedian,
                    change.PeakScore,
                    change.ShiftScore,
                    change.OnsetIndex,
                    change.OnsetKnown,
                    change.SustainedScore) { AlertCoMovement = coMovement.Of(series.Service, series.Metric) });
        }
    }

    private static void BaselinePair(MetricSeries series, MetricKind kind, double baseline, double current, AlertCoMovement coMovement, SignalBuilder builder)
    {
        var relative = Math.Abs(current - baseline) / Math.Max(Math.Abs(baseline), 1e-9);
        if (relative < 0.5)
        {
            return;
        }

        builder.Add(
            SignalTypes.MetricAnomaly,
            string.Create(CultureInfo.InvariantCulture, $"{series.Key} {(current >= baseline ? "rose" : "fell")} from {baseline:G4} to {current:G4} ({relative * 100:0}% change)"),
            relative >= 2 ? Severity.High : Severity.Medium,
            "metrics",
            Math.Min(relative * 5, 100),
            series.Service,
            null,
            new MetricChange(series.Metric, kind, current >= baseline ? ChangeDirection.Up : ChangeDirection.Down, baseline, current) { AlertCoMovement = coMovement.Of(series.Service, series.Metric) });
    }

    // The last finite value, or 0 (what Array.FindLast returns) when there is none.
    private static double LastFinite(ReadOnlySpan<double> values)
    {
        for (var i = values.Length - 1; i >= 0; i--)
        {
            if (double.IsFinite(values[i]))
            {
                return values[i];
            }
        }

        return 0;
    }

    private static bool NamesUtilisation(string metric)
    {
        var lower = metric.ToLowerInvariant();
        return lower.Contains("percent", StringComparison.Ordinal) || lower.Contains("pct", StringComparison.Ordinal) || lower.Contains("util", StringComparison.Ordinal)
            || lower.Contains("usage", StringComparison.Ordinal) || lower.Contains("used", StringComparison.Ordinal) || lower.Contains("ratio", StringComparison.Ordinal);
    }

    private static void Snapshot(MetricSeries series, MetricKind kind, double value, AlertCoMovement coMovement, SignalBuilder builder)
    {
        var percentLike = series.Metric.Contains("percent", StringComparison.OrdinalIgnoreCase) || series.Metric.Contains("pct", StringComparison.OrdinalIgnoreCase);
        var ratio = percentLike || (value > 1 && value <= 100 && kind is MetricKind.Cpu or MetricKind.Memory or MetricKind.Disk) ? value / 100 : value;
        var saturating = kind is MetricKind.Cpu or MetricKind.Memory or MetricKind.Disk or MetricKind.Connections && ratio is >= 0.9 and <= 1.0;
        var erroring = kind == MetricKind.Errors && !MetricKinds.IsSuccessLike(series.Metric) && ratio is >= 0.05 and <= 1.0;
        if (!saturating && !erroring)
        {
            return;
        }

        builder.Add(
            SignalTypes.MetricLevel,
            string.Create(CultureInfo.InvariantCulture, $"{series.Key} is at {value:G4}{(saturating ? " (saturated)" : " (error ratio)")}"),
            ratio >= 0.95 || erroring && ratio >= 0.1 ? Severity.High : Severity.Medium,
            "metrics",
            saturating ? ratio * 10 : Math.Min(5 + (50 * ratio), 15),
            series.Service,
            null,
            new MetricLevel(series.Metric, kind, value) { AlertCoMovement = coMovement.Of(series.Service, series.Metric) });
    }
}
