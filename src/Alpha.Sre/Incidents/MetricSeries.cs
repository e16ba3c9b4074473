namespace Alpha.Sre.Incidents;

/// <summary>
/// One metric of one service. A snapshot has a single point; a series has many; the
/// <c>{baseline, current}</c> form has <see cref="Baseline"/> set and the current value as its only point.
/// </summary>
/// <param name="Key">The key as written in the incident (<c>orders.cpu</c>, <c>orders_cpu</c>, <c>cpu_usage</c>, <c>orders.cpu{version=v2}</c>).</param>
/// <param name="Service">The service, when the key names one.</param>
/// <param name="Metric">The metric name without the service and without the label set.</param>
/// <param name="Points">The samples, in time order.</param>
/// <param name="Baseline">The stated baseline of the <c>{baseline, current}</c> form.</param>
public sealed record MetricSeries(string Key, string? Service, string Metric, IReadOnlyList<MetricPoint> Points, double? Baseline = null)
{
    /// <summary>
    /// The dimensions of a breakdown series, from the key's trailing <c>{name=value,...}</c> label set
    /// (e.g. <c>version</c> and <c>instance</c> for one pod of one version of the service); empty for a series of the whole service.
    /// </summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
