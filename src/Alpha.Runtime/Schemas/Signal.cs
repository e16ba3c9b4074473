using System.Text.Json.Serialization;

namespace Alpha.Runtime.Schemas;

/// <summary>
/// One piece of evidence extracted from an incident (a log template burst, a metric change point,
/// a risky commit...). Hypotheses cite signals by <see cref="Id"/>; the judge rejects any citation of
/// an id that was never extracted.
/// </summary>
public sealed record Signal
{
    /// <summary>Creates a validated signal.</summary>
    /// <exception cref="SchemaValidationException">A field breaks its rule.</exception>
    [JsonConstructor]
    public Signal(string id, string type, string description, Severity severity, string source, double? value = null, string? service = null, DateTimeOffset? timestamp = null, SignalPayload? payload = null)
    {
        Id = Check.NotBlank(id, "id");
        Type = Check.NotBlank(type, "type");
        Description = Check.NotNull(description, "description");
        Severity = Check.Defined(severity, "severity");
        Source = Check.NotBlank(source, "source");
        Value = value is { } v && !double.IsFinite(v)
            ? throw new SchemaValidationException("value", "must be a finite number when present")
            : value;
        Service = string.IsNullOrWhiteSpace(service) ? null : service;
        Timestamp = timestamp;
        Payload = payload;
    }

    /// <summary>Stable id within one execution (<c>sig_001</c>, ...).</summary>
    public string Id { get; }

    /// <summary>Kind of evidence, e.g. <c>log_error_burst</c> or <c>metric_change</c>.</summary>
    public string Type { get; }

    /// <summary>Human-readable statement of what was observed.</summary>
    public string Description { get; }

    /// <summary>Numeric magnitude, when the signal has one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Value { get; }

    /// <summary>How much this signal matters.</summary>
    public Severity Severity { get; }

    /// <summary>The service the evidence is attributed to, when known.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Service { get; }

    /// <summary>When the evidence starts (onset of a change, first occurrence of a template), when known.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? Timestamp { get; }

    /// <summary>
    /// The typed evidence behind the description (a metric change, a log template burst, a risky commit...),
    /// defined by the vertical that extracted the signal; agents read its fields instead of parsing text.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SignalPayload? Payload { get; }

    /// <summary>Where it came from: <c>logs</c>, <c>metrics</c>, <c>commits</c>, <c>config</c>, or an extractor name.</summary>
    public string Source { get; }
}
