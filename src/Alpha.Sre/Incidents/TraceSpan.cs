namespace Alpha.Sre.Incidents;

/// <summary>One span of a distributed trace.</summary>
/// <param name="TraceId">The trace.</param>
/// <param name="SpanId">This span.</param>
/// <param name="ParentSpanId">The calling span, if any.</param>
/// <param name="Service">The service that ran the span.</param>
/// <param name="Operation">The operation name.</param>
/// <param name="Start">Start time, when given.</param>
/// <param name="DurationMs">Duration in milliseconds.</param>
/// <param name="Error">True when the span ended in error.</param>
public sealed record TraceSpan(string TraceId, string SpanId, string? ParentSpanId, string Service, string? Operation, DateTimeOffset? Start, double DurationMs, bool Error);
