using Alpha.Sre.Signals.Metrics;

namespace Alpha.Sre.Signals.Evidence;

/// <summary>Spans of a service slowed down or failed (<see cref="Traces.TraceSignalExtractor"/>).</summary>
/// <param name="Metric"><c>span_latency</c>, <c>call_gap</c> or <c>span_error_rate</c>.</param>
/// <param name="MetricKind">Latency or errors.</param>
/// <param name="Direction">Which way it moved.</param>
/// <param name="Baseline">Median (or error share) before the onset.</param>
/// <param name="Current">Median (or error share) after it.</param>
/// <param name="Spans">Spans (or calls) after the onset.</param>
/// <param name="OnsetKnown">True when the onset was the incident's detection time.</param>
/// <param name="PeakScore">Largest departure in baseline scales (latency findings).</param>
/// <param name="ShiftScore">Sustained shift in baseline scales (latency findings).</param>
/// <param name="Chunk">Consecutive spans per median (latency findings).</param>
/// <param name="BaselinePooled">True when an edge seen too rarely before the onset borrowed a pooled baseline (latency findings).</param>
/// <param name="Edges">The call edges blamed on the service, <c>caller-&gt;callee</c> (call gaps).</param>
/// <param name="Side">Whether the service was the caller, the callee or both on those edges (call gaps).</param>
public sealed record TraceFinding(
    string Metric,
    MetricKind MetricKind,
    ChangeDirection Direction,
    double? Baseline,
    double Current,
    int Spans,
    bool OnsetKnown,
    double? PeakScore = null,
    double? ShiftScore = null,
    int? Chunk = null,
    bool? BaselinePooled = null,
    IReadOnlyList<string>? Edges = null,
    string? Side = null)
    : MetricEvidence(Metric, MetricKind, Direction, Baseline, Current);
