using System.Text.Json.Serialization;

namespace Alpha.Runtime.Schemas;

/// <summary>How an agent's run ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgentStatus>))]
public enum AgentStatus
{
    /// <summary>Returned a result (which the judge may still reject in part).</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>Exceeded its own timeout.</summary>
    [JsonStringEnumMemberName("timed_out")]
    TimedOut,

    /// <summary>Threw, or returned something unusable.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>Stopped because the caller cancelled the execution.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
