using Alpha.Sre.Incidents;

namespace Alpha.Sre.Signals.Metrics;

/// <summary>
/// How closely each metric moved with the incident's alerting metric: the absolute Pearson correlation of
/// the two series over the window around the onset (the samples after it and as many before). A metric
/// that cannot be aligned with the alert (no alert, no timestamps, fewer than 3 common samples) keeps a
/// neutral weight (null). The metric and trace extractors put it on their payloads
/// (<see cref="Evidence.MetricEvidence.AlertCoMovement"/>), so agents never re-read the raw series.
/// </summary>
public sealed class AlertCoMovement
{
    private static readonly AlertCoMovement Neutral = new(null, null);
    private readonly SreIncident? _incident;
    private readonly Dictionary<DateTimeOffset, double>? _window;
    private readonly Dictionary<string, double?> _cache = new(StringComparer.Ordinal);

    private AlertCoMovement(SreIncident? incident, Dictionary<DateTimeOffset, double>? window)
    {
        _incident = incident;
        _window = window;
    }

    /// <summary>The co-movement weights of <paramref name="incident"/> (neutral when it names no alert series).</summary>
    public static AlertCoMovement For(SreIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (incident.Alert is not { } alert
            || incident.Metrics.FirstOrDefault(m => m.Service == alert.Service && m.Metric == alert.Metric) is not { } series
            || (alert.At ?? incident.DetectedAt) is not { } onset)
        {
            return Neutral;
        }

        var timed = series.Points.Where(p => p.Timestamp is not null).ToArray();
        var before = timed.Count(p => p.Timestamp < onset);
        var after = timed.Length - before;
        var window = timed.Skip(Math.Max(0, before - after)).ToDictionary(p => p.Timestamp!.Value, p => p.Value);
        return window.Count >= 3 ? new AlertCoMovement(incident, window) : Neutral;
    }

    /// <summary>The co-movement of <paramref name="service"/>'s <paramref name="metric"/> in [0, 1]; null when it cannot be compared.</summary>
    public double? Of(string? service, string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (_incident is null || _window is null)
        {
            return null;
        }

        var key = service + "|" + metric;
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var series = _incident.Metrics.FirstOrDefault(m => m.Service == service && m.Metric == metric);
        var pairs = series is null ? [] : series.Points
            .Where(p => p.Timestamp is { } t && _window.ContainsKey(t))
            .Select(p => (X: _window[p.Timestamp!.Value], Y: p.Value))
            .ToArray();
        double? weight = pairs.Length >= 3 ? Math.Abs(Correlation(pairs)) : null;
        _cache[key] = weight;
        return weight;
    }

    private static double Correlation((double X, double Y)[] pairs)
    {
        var mx = pairs.Average(p => p.X);
        var my = pairs.Average(p => p.Y);
        double sxy = 0, sxx = 0, syy = 0;
        foreach (var (x, y) in pairs)
        {
            sxy += (x - mx) * (y - my);
            sxx += (x - mx) * (x - mx);
            syy += (y - my) * (y - my);
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : 0;
    }
}
