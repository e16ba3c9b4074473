using System.Text.Json.Serialization;
using Alpha.Sre.Signals.Metrics;

namespace Alpha.Sre.Signals.Evidence;

/// <summary>
/// A measured quantity that moved or sits at an alarming level: metric series, metric snapshots and trace
/// findings share these fields, so agents that rank services weigh them alike.
/// </summary>
/// <param name="Metric">The metric name (without the service), e.g. <c>cpu_usage</c> or <c>span_latency</c>.</param>
/// <param name="MetricKind">What it measures.</param>
/// <param name="Direction">Which way it moved.</param>
/// <param name="Baseline">Its typical value before the onset, when there is one.</param>
/// <param name="Current">Its value during the incident (a median, or the last value).</param>
public abstract record MetricEvidence(string Metric, MetricKind MetricKind, ChangeDirection Direction, double? Baseline, double Current) : SreEvidence
{
    /// <summary>
    /// How closely the series moved with the incident's alerting metric around the onset (absolute Pearson
    /// correlation, <see cref="Metrics.AlertCoMovement"/>); null when it cannot be compared (no alert, no
    /// common timestamps), which weighs as 1.
    /// </summary>
    public double? AlertCoMovement { get; init; }

    /// <summary>True for a success-like metric (a success rate), whose bad direction is down.</summary>
    [JsonIgnore]
    public bool IsSuccessLike => MetricKinds.IsSuccessLike(Metric);
}
