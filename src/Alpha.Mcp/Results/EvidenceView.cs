namespace Alpha.Mcp.Results;

/// <summary>One signal behind a hypothesis: what was observed, where, and how much it matters.</summary>
/// <param name="Id">The signal id the hypothesis cites (<c>sig_001</c>, ...).</param>
/// <param name="Type">Kind of evidence (<c>log_error_burst</c>, <c>metric_change</c>, ...).</param>
/// <param name="Description">What was observed.</param>
/// <param name="Source">Where it came from: logs, metrics, commits, config or an extractor.</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Service">The service it is attributed to, when known.</param>
/// <param name="Value">Its magnitude, when it has one.</param>
/// <param name="Timestamp">When it starts, when known.</param>
public sealed record EvidenceView(string Id, string Type, string Description, string Source, string Severity, string? Service, double? Value, DateTimeOffset? Timestamp);
