namespace Alpha.Sre.Signals.Metrics;

/// <summary>Classifies metric names into <see cref="MetricKind"/>s and maps kinds to the fault taxonomy.</summary>
public static class MetricKinds
{
    private static readonly (string Word, MetricKind Kind)[] Words =
    [
        ("latency", MetricKind.Latency), ("lat", MetricKind.Latency), ("duration", MetricKind.Latency), ("response_time", MetricKind.Latency),
        ("p99", MetricKind.Latency), ("p95", MetricKind.Latency), ("p90", MetricKind.Latency), ("p50", MetricKind.Latency), ("rt", MetricKind.Latency),
        ("error", MetricKind.Errors), ("errors", MetricKind.Errors), ("fail", MetricKind.Errors), ("failure", MetricKind.Errors), ("5xx", MetricKind.Errors),
        ("success", MetricKind.Errors), ("successrate", MetricKind.Errors), ("availability", MetricKind.Errors), ("sla", MetricKind.Errors), ("exception", MetricKind.Errors),
        ("cpu", MetricKind.Cpu), ("load", MetricKind.Cpu), ("throttl", MetricKind.Cpu),
        ("mem", MetricKind.Memory), ("memory", MetricKind.Memory), ("heap", MetricKind.Memory), ("rss", MetricKind.Memory), ("oom", MetricKind.Memory), ("gc", MetricKind.Memory),
        ("disk", MetricKind.Disk), ("diskio", MetricKind.Disk), ("fs", MetricKind.Disk), ("filesystem", MetricKind.Disk), ("inode", MetricKind.Disk), ("volume", MetricKind.Disk),
        ("connection", MetricKind.Connections), ("connections", MetricKind.Connections), ("conn", MetricKind.Connections), ("pool", MetricKind.Connections), ("socket", MetricKind.Connections),
        ("request", MetricKind.Traffic), ("requests", MetricKind.Traffic), ("rps", MetricKind.Traffic), ("qps", MetricKind.Traffic), ("throughput", MetricKind.Traffic),
        ("workload", MetricKind.Traffic), ("lod", MetricKind.Traffic), ("traffic", MetricKind.Traffic), ("calls", MetricKind.Traffic),
        ("network", MetricKind.Network), ("net", MetricKind.Network), ("packet", MetricKind.Network), ("rx", MetricKind.Network), ("tx", MetricKind.Network), ("bytes", MetricKind.Network),
    ];

    // Words that make a network metric a loss measure; without one, a network metric counts volume.
    private static readonly string[] LossWords = ["drop", "drops", "dropped", "loss", "lost", "retrans", "retransmit", "retransmits", "retransmission", "retransmissions", "discard", "discards", "discarded"];

    private static readonly string[] NetworkVolumeWords = ["network", "net", "rx", "tx", "receive", "received", "transmit", "transmitted", "packets", "pkts"];

    /// <summary>
    /// The kind of a metric name (first matching word among its tokens, then as a prefix of a token). A network
    /// metric is <see cref="MetricKind.Network"/> (loss) only when its name says drops, loss or retransmissions;
    /// byte and packet counters are <see cref="MetricKind.Traffic"/>: more bytes is more load, not lost packets.
    /// </summary>
    public static MetricKind Classify(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var tokens = metric.ToLowerInvariant().Split(['_', '-', '.', ' ', '/', ':'], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Any(t => LossWords.Contains(t)))
        {
            return MetricKind.Network;
        }

        if (tokens.Any(t => NetworkVolumeWords.Contains(t)) && !tokens.Any(t => t.StartsWith("err", StringComparison.Ordinal) || t.StartsWith("fail", StringComparison.Ordinal)))
        {
            return MetricKind.Traffic;
        }

        foreach (var (word, kind) in Words)
        {
            if (tokens.Contains(word))
            {
                return kind;
            }
        }

        foreach (var (word, kind) in Words)
        {
            if (word.Length >= 3 && tokens.Any(t => t.StartsWith(word, StringComparison.Ordinal)))
            {
                return kind;
            }
        }

        return MetricKind.Other;
    }

    /// <summary>True when a decrease is the bad direction (success rates, availability).</summary>
    public static bool IsSuccessLike(string metric) =>
        metric.Contains("success", StringComparison.OrdinalIgnoreCase) || metric.Contains("availability", StringComparison.OrdinalIgnoreCase);
}
