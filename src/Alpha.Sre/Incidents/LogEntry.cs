namespace Alpha.Sre.Incidents;

/// <summary>One log line, with whatever structure it came with.</summary>
/// <param name="Timestamp">When it was written, when known.</param>
/// <param name="Service">The emitting service, when known.</param>
/// <param name="Level">The level word (ERROR, WARN...), when known.</param>
/// <param name="Message">The message text.</param>
/// <param name="TraceId">The request (trace) it was written in, when the log record carries one beside the message
/// (an OpenTelemetry log record's <c>trace_id</c>); a trace id inside the message text is found without it.</param>
public sealed record LogEntry(DateTimeOffset? Timestamp, string? Service, string? Level, string Message, string? TraceId = null);
