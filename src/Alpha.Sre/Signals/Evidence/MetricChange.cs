using Alpha.Sre.Signals.Metrics;

namespace Alpha.Sre.Signals.Evidence;

/// <summary>A metric series changed against its baseline (a change point, or a <c>{baseline, current}</c> pair).</summary>
/// <param name="Metric">The metric name.</param>
/// <param name="MetricKind">What it measures.</param>
/// <param name="Direction">Which way it moved.</param>
/// <param name="Baseline">Median before the change (or the given baseline).</param>
/// <param name="Current">Median after the change (or the given current value).</param>
/// <param name="PeakScore">Largest departure, in baseline scales (series only).</param>
/// <param name="ShiftScore">Sustained shift of the median, in baseline scales (series only).</param>
/// <param name="OnsetIndex">Index of the first anomalous point (series only).</param>
/// <param name="OnsetKnown">True when the onset came from the incident's detection time rather than a detected change point (series only).</param>
/// <param name="SustainedScore">Second largest departure, in baseline scales: a departure held for two samples or more (series only).</param>
public sealed record MetricChange(
    string Metric,
    MetricKind MetricKind,
    ChangeDirection Direction,
    double? Baseline,
    double Current,
    double? PeakScore = null,
    double? ShiftScore = null,
    int? OnsetIndex = null,
    bool? OnsetKnown = null,
    double? SustainedScore = null)
    : MetricEvidence(Metric, MetricKind, Direction, Baseline, Current);
