using System.Text.Json.Serialization;

namespace Alpha.Sre.Signals.Evidence;

/// <summary>Which way a measured value moved against its baseline.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChangeDirection>))]
public enum ChangeDirection
{
    /// <summary>It rose (or sits at an alarming level).</summary>
    [JsonStringEnumMemberName("up")]
    Up,

    /// <summary>It fell.</summary>
    [JsonStringEnumMemberName("down")]
    Down,
}
