namespace Alpha.Sre.Signals.Metrics;

/// <summary>What a metric measures, read from its name by generic words (no per-system names).</summary>
public enum MetricKind
{
    /// <summary>Anything else.</summary>
    Other,

    /// <summary>CPU use.</summary>
    Cpu,

    /// <summary>Memory use (RSS, heap...).</summary>
    Memory,

    /// <summary>Disk space or I/O.</summary>
    Disk,

    /// <summary>Response time.</summary>
    Latency,

    /// <summary>Errors or failures (rates or counts), or a success rate going down.</summary>
    Errors,

    /// <summary>Connections, pools, sockets.</summary>
    Connections,

    /// <summary>Requests, throughput, load.</summary>
    Traffic,

    /// <summary>Network bytes, packets, drops.</summary>
    Network,
}
