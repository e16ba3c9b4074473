namespace Alpha.Sre.Incidents;

/// <summary>
/// One metric of one service. A snapshot has a single point; a series has many; the
/// <c>{baseline, current}</c> form has <see cref="Baseline"/> set and the current value as its only point.
/// </summary>
/// <param name="Key">The key as written in the incident (<c>orders.cpu</c>, <c>orders_cpu</c>, <c>cpu_usage</c>).</param>
/// <param name="Service">The service, when the key names one.</param>
/// <param name="Metric">The metric name without the service.</param>
/// <param name="Points">The samples, in time order.</param>
/// <param name="Baseline">The stated baseline of the <c>{baseline, current}</c> form.</param>
public sealed record MetricSeries(string Key, string? Service, string Metric, IReadOnlyList<MetricPoint> Points, double? Baseline = null);
