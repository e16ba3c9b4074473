namespace Alpha.Sre.Incidents;

/// <summary>One sample of a metric series.</summary>
/// <param name="Timestamp">When it was taken; null for a plain list of numbers without a start time.</param>
/// <param name="Value">The value.</param>
public readonly record struct MetricPoint(DateTimeOffset? Timestamp, double Value);
