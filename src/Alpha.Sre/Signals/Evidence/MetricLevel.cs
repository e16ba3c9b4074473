using Alpha.Sre.Signals.Metrics;

namespace Alpha.Sre.Signals.Evidence;

/// <summary>A metric at a saturating (utilisation) or alarming (error ratio) level, with no baseline needed.</summary>
/// <param name="Metric">The metric name.</param>
/// <param name="MetricKind">What it measures.</param>
/// <param name="Current">The value read.</param>
public sealed record MetricLevel(string Metric, MetricKind MetricKind, double Current)
    : MetricEvidence(Metric, MetricKind, ChangeDirection.Up, null, Current);
