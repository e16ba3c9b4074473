using System.Text.Json.Serialization;

namespace Alpha.Runtime.Schemas;

/// <summary>How much a signal or hypothesis matters to the on-call engineer.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    /// <summary>Worth noting; unlikely to be the cause on its own.</summary>
    [JsonStringEnumMemberName("low")]
    Low,

    /// <summary>Plausibly related to the incident.</summary>
    [JsonStringEnumMemberName("medium")]
    Medium,

    /// <summary>Strongly tied to user impact.</summary>
    [JsonStringEnumMemberName("high")]
    High,
}
