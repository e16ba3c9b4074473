using System.Text.Json.Serialization;

namespace Alpha.Sre.Signals.Evidence;

/// <summary>What happened to a config key.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConfigChangeKind>))]
public enum ConfigChangeKind
{
    /// <summary>Its value changed.</summary>
    [JsonStringEnumMemberName("changed")]
    Changed,

    /// <summary>It is new.</summary>
    [JsonStringEnumMemberName("added")]
    Added,

    /// <summary>It was removed.</summary>
    [JsonStringEnumMemberName("removed")]
    Removed,

    /// <summary>Only a snapshot was given: a risky key, nothing to compare.</summary>
    [JsonStringEnumMemberName("snapshot")]
    Snapshot,
}
