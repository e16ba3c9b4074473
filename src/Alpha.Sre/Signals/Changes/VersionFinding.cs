using Alpha.Sre.Signals.Metrics;

namespace Alpha.Sre.Signals.Changes;

/// <summary>How one metric family of a rollout's new version compares with its old version.</summary>
/// <param name="Family">The metric and its labels other than version and instance (e.g. <c>success_rate{caller=frontend}</c>).</param>
/// <param name="Metric">The metric name.</param>
/// <param name="Kind">The metric kind .</param>
/// <param name="Silent">True when the new version reported nothing in a family the old version reported.</param>
/// <param name="OldMedian">Median of the old version's samples since the rollout started.</param>
/// <param name="NewMedian">Median of the new version's samples; null when silent.</param>
/// <param name="Score">Shift of medians in the bad direction, in robust scales of the old side (0 when it went the harmless way); the silence z-score when silent.</param>
/// <param name="OldSamples">Old-version samples compared.</param>
/// <param name="NewSamples">New-version samples compared.</param>
/// <param name="OldInstances">Old-version instances.</param>
/// <param name="NewInstances">New-version instances.</param>
public sealed record VersionFinding(
    string Family,
    string Metric,
    MetricKind Kind,
    bool Silent,
    double OldMedian,
    double? NewMedian,
    double Score,
    int OldSamples,
    int NewSamples,
    int OldInstances,
    int NewInstances);
