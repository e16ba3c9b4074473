using System.Text.Json.Serialization;

namespace Alpha.Sre.Signals.Metrics;

/// <summary>What a metric measures, read from its name by generic words (no per-system names).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MetricKind>))]
public enum MetricKind
{
    /// <summary>Anything else.</summary>
    [JsonStringEnumMemberName("other")]
    Other,

    /// <summary>CPU use.</summary>
    [JsonStringEnumMemberName("cpu")]
    Cpu,

    /// <summary>Memory use (RSS, heap...).</summary>
    [JsonStringEnumMemberName("memory")]
    Memory,

    /// <summary>Disk space or I/O.</summary>
    [JsonStringEnumMemberName("disk")]
    Disk,

    /// <summary>Response time.</summary>
    [JsonStringEnumMemberName("latency")]
    Latency,

    /// <summary>Errors or failures (rates or counts), or a success rate going down.</summary>
    [JsonStringEnumMemberName("errors")]
    Errors,

    /// <summary>Connections, pools, sockets.</summary>
    [JsonStringEnumMemberName("connections")]
    Connections,

    /// <summary>Requests, throughput, load.</summary>
    [JsonStringEnumMemberName("traffic")]
    Traffic,

    /// <summary>Network bytes, packets, drops.</summary>
    [JsonStringEnumMemberName("network")]
    Network,
}
