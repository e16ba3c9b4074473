using System.Text.Json.Serialization;

namespace Alpha.Runtime.Judging;

/// <summary>The deterministic rules a claim must satisfy to be accepted.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JudgeRule>))]
public enum JudgeRule
{
    /// <summary>The result carries a non-empty agent name.</summary>
    [JsonStringEnumMemberName("agent_name_required")]
    AgentNameRequired,

    /// <summary>The claim cites at least one signal.</summary>
    [JsonStringEnumMemberName("evidence_required")]
    EvidenceRequired,

    /// <summary>Every cited signal exists in memory.</summary>
    [JsonStringEnumMemberName("evidence_exists")]
    EvidenceExists,

    /// <summary>Confidence is a number within [0, 1].</summary>
    [JsonStringEnumMemberName("confidence_in_range")]
    ConfidenceInRange,

    /// <summary>The claim is well formed: a non-empty label and a severity of low, medium or high.</summary>
    [JsonStringEnumMemberName("well_formed")]
    WellFormed,
}
