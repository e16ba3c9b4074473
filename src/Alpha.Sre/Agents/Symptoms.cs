using Alpha.Runtime.Schemas;
using Alpha.Sre.Signals;
using Alpha.Sre.Signals.Evidence;
using Alpha.Sre.Signals.Metrics;

namespace Alpha.Sre.Agents;

/// <summary>
/// The fault mechanisms the evidence shows, per service: what metrics and logs say is wrong. Change agents
/// use it to link a change to the symptom it explains (a pool-size cut and "pool exhausted" errors).
/// </summary>
public static class Symptoms
{
    /// <summary>The mechanism a metric kind points to.</summary>
    public static string? FaultOfMetricKind(MetricKind? kind) => kind switch
    {
        MetricKind.Cpu => FaultTypes.Cpu,
        MetricKind.Memory => FaultTypes.Memory,
        MetricKind.Disk => FaultTypes.Disk,
        MetricKind.Latency => FaultTypes.NetworkDelay,
        MetricKind.Errors => FaultTypes.CodeException,
        MetricKind.Connections => FaultTypes.ConnectionPool,
        MetricKind.Network => FaultTypes.PacketLoss,
        MetricKind.Traffic => FaultTypes.DependencyFailure,
        _ => null,
    };

    /// <summary>The mechanism a log category points to.</summary>
    public static string? FaultOfLogCategory(string? category) => category switch
    {
        "pool" => FaultTypes.ConnectionPool,
        "oom" => FaultTypes.Memory,
        "disk" => FaultTypes.Disk,
        "timeout" => FaultTypes.DependencyFailure,
        "connection" => FaultTypes.DependencyFailure,
        "exception" => FaultTypes.CodeException,
        "cpu" => FaultTypes.Cpu,
        "tls" => FaultTypes.TlsCertificate,
        "dns" => FaultTypes.Dns,
        "lock" => FaultTypes.LockContention,
        "thread-pool" => FaultTypes.ThreadPoolStarvation,
        "queue" => FaultTypes.QueueBacklog,
        "gc" => FaultTypes.GcPause,
        "clock" => FaultTypes.ClockSkew,
        "rate-limit" => FaultTypes.RateLimit,
        "feature-flag" => FaultTypes.FeatureFlag,
        _ => null,
    };

    /// <summary>Every (service, fault) the metric and log signals show, with the signals that show it.</summary>
    public static IReadOnlyList<(string? Service, string Fault, IReadOnlyList<Signal> Signals)> Find(IReadOnlyList<Signal> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var found = new Dictionary<(string?, string), List<Signal>>();
        foreach (var s in signals)
        {
            var fault = s.Source switch
            {
                "metrics" => FaultOfMetricKind(s.MeasuredKind()),
                "logs" when s.Payload is LogTemplateBurst { IsError: false } => FaultTypes.CodeException,
                "logs" => FaultOfLogCategory((s.Payload as LogTemplateBurst)?.Category),
                _ => null,
            };
            if (fault is null)
            {
                continue;
            }

            var service = s.SuspectService();
            if (!found.TryGetValue((service, fault), out var list))
            {
                list = [];
                found.Add((service, fault), list);
            }

            list.Add(s);
        }

        return [.. found.Select(kv => (kv.Key.Item1, kv.Key.Item2, (IReadOnlyList<Signal>)kv.Value))];
    }

    /// <summary>
    /// The symptom to link a change to among <paramref name="candidates"/>: a saturated resource first (it
    /// explains latency and errors), then the one with the strongest evidence; default when there is none.
    /// </summary>
    public static (string? Service, string Fault, IReadOnlyList<Signal> Signals) Strongest(IEnumerable<(string? Service, string Fault, IReadOnlyList<Signal> Signals)> candidates) =>
        candidates
            .OrderByDescending(c => c.Fault is FaultTypes.Cpu or FaultTypes.Memory or FaultTypes.Disk or FaultTypes.ConnectionPool)
            .ThenByDescending(c => c.Signals.Sum(s => s.Strength()))
            .ThenBy(c => c.Fault, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>Services that show any symptom.</summary>
    public static IReadOnlySet<string> AffectedServices(IReadOnlyList<Signal> signals) =>
        signals.Where(s => s.Source is "metrics" or "logs" && s.Type != SignalTypes.Commit && s.Service is not null)
            .Select(s => s.Service!).ToHashSet(StringComparer.Ordinal);
}
