using System.Text.Json.Serialization;

namespace Alpha.Runtime.Schemas;

/// <summary>
/// A root-cause hypothesis that passed the judge: validated at construction (non-empty label,
/// confidence in [0, 1], a defined severity, at least one supporting signal).
/// </summary>
public sealed record Hypothesis
{
    /// <summary>Creates a validated hypothesis.</summary>
    /// <exception cref="SchemaValidationException">A field breaks its rule.</exception>
    [JsonConstructor]
    public Hypothesis(
        string label,
        string description,
        double confidence,
        Severity severity,
        IReadOnlyList<string> supportingSignals,
        string contributingAgent,
        string? service = null,
        string? faultType = null)
    {
        Label = Check.NotBlank(label, "label");
        Description = Check.NotNull(description, "description");
        Confidence = Check.UnitInterval(confidence, "confidence");
        Severity = Check.Defined(severity, "severity");
        SupportingSignals = Check.NoBlankItems(supportingSignals, "supporting_signals");
        if (SupportingSignals.Count == 0)
        {
            throw new SchemaValidationException("supporting_signals", "must cite at least one signal id");
        }

        ContributingAgent = Check.NotBlank(contributingAgent, "contributing_agent");
        Service = string.IsNullOrWhiteSpace(service) ? null : service;
        FaultType = string.IsNullOrWhiteSpace(faultType) ? null : faultType;
    }

    /// <summary>Short name of the suspected cause.</summary>
    public string Label { get; }

    /// <summary>What the agent thinks happened.</summary>
    public string Description { get; }

    /// <summary>The agent's confidence in [0, 1].</summary>
    public double Confidence { get; }

    /// <summary>How severe the suspected cause is.</summary>
    public Severity Severity { get; }

    /// <summary>Ids of the signals that support it (all exist in memory).</summary>
    public IReadOnlyList<string> SupportingSignals { get; }

    /// <summary>The agent that proposed it.</summary>
    public string ContributingAgent { get; }

    /// <summary>The suspected service, when known.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Service { get; }

    /// <summary>The fault type, when known.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FaultType { get; }
}
