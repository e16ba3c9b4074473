using Alpha.Sre.Signals.Metrics;

namespace Alpha.Sre.Signals.Evidence;

/// <summary>A rollout's new version measured worse than its old version over the same time (<see cref="Changes.VersionComparisonExtractor"/>).</summary>
/// <param name="FromVersion">The old version, when given.</param>
/// <param name="ToVersion">The new version.</param>
/// <param name="Family">The metric and its labels other than version and instance.</param>
/// <param name="Metric">The metric name.</param>
/// <param name="MetricKind">What it measures.</param>
/// <param name="Silent">True when the new version reported nothing where the old one did.</param>
/// <param name="OldMedian">Median of the old version's samples since the rollout started.</param>
/// <param name="NewMedian">Median of the new version's samples; null when silent.</param>
/// <param name="OldSamples">Old-version samples compared.</param>
/// <param name="NewSamples">New-version samples compared.</param>
/// <param name="OldInstances">Old-version instances.</param>
/// <param name="NewInstances">New-version instances.</param>
public sealed record DeploymentRegression(
    string? FromVersion,
    string? ToVersion,
    string Family,
    string Metric,
    MetricKind MetricKind,
    bool Silent,
    double OldMedian,
    double? NewMedian,
    int OldSamples,
    int NewSamples,
    int OldInstances,
    int NewInstances) : SreEvidence;
