using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals.Evidence;
using Alpha.Sre.Signals.Metrics;
using Microsoft.Extensions.AI;

namespace Alpha.Sre.Agents;

/// <summary>
/// Metrics specialist. Rules: group metric signals by service; each service's hypothesis takes the fault
/// of its strongest anomaly's kind (cpu, memory, disk, latency -> network-delay, errors -> code-exception,
/// connections -> connection-pool, network -> packet-loss) and a confidence from its strength (robust
/// score; a drop in resource use, latency or errors weighs a third, see <see cref="Weight"/>). When the incident
/// names its alert, each metric is further weighted by how closely it moved with the alerting metric around
/// the onset (<see cref="MetricEvidence.AlertCoMovement"/>, computed by the extractors): evidence unrelated to the symptom the engineer was paged for counts less. A saturated resource (cpu, memory, disk, connections, network) explains latency, errors and
/// traffic changes on the same service, not the reverse: when a service has an anomalous resource metric,
/// its fault comes from the strongest such metric even if a symptom metric scored higher. When the incident gives a call graph, a service whose callees are nearly as anomalous is
/// treated as a victim of propagation (an anomalous callee whose latency, error or resource evidence reaches
/// <see cref="CalleeShare"/> of its strength) and discounted, so the deepest anomalous service ranks first.
/// </summary>
public sealed class MetricsAgent(IChatClient? chatClient = null) : SreAgent("metrics", chatClient)
{
    /// <summary>Factor applied to a service whose anomaly is explained by an anomalous callee.</summary>
    public const double PropagationDiscount = 0.8;

    /// <summary>A callee whose symptom strength reaches this share of the caller's strength explains the caller's anomaly.</summary>
    public const double CalleeShare = 0.75;

    /// <inheritdoc />
    protected override string Speciality => "metrics (resource saturation, latency, error rates, traffic)";

    /// <inheritdoc />
    protected override IEnumerable<Signal> Relevant(IReadOnlyList<Signal> signals) => signals.Where(s => s.Source == "metrics" || s.Source == "traces");

    /// <inheritdoc />
    protected override IReadOnlyList<HypothesisClaim> Reason(SreIncident incident, IReadOnlyList<Signal> signals)
    {
        // With traces, spans attribute time to the service that spent it; latency metrics (client waits,
        // per-minute quantiles) cannot, so they are set aside when both exist.
        var traced = incident.Traces.Count > 0;
        static double weight(Signal s) => Weight(s) * (s.Measured()?.AlertCoMovement ?? 1);
        var byService = Relevant(signals).Where(s => !(traced && s.Source == "metrics" && s.MeasuredKind() == MetricKind.Latency)).GroupBy(s => s.Service ?? "").ToDictionary(g => g.Key, g => g.OrderByDescending(weight).ToArray(), StringComparer.Ordinal);
        var strength = byService.ToDictionary(kv => kv.Key, kv => weight(kv.Value[0]), StringComparer.Ordinal);
        var symptom = byService.ToDictionary(kv => kv.Key, kv => kv.Value.Where(s => s.MeasuredKind() != MetricKind.Traffic).Select(weight).DefaultIfEmpty(0).Max(), StringComparer.Ordinal);
        var claims = new List<(double Score, HypothesisClaim Claim)>();
        foreach (var (service, evidence) in byService)
        {
            var top = evidence.FirstOrDefault(s => IsResource(s.MeasuredKind()) && weight(s) >= MetricSignalExtractor.MinScore) ?? evidence[0];
            var fault = Symptoms.FaultOfMetricKind(top.MeasuredKind()) ?? FaultTypes.DependencyFailure;
            // The hypothesis names the top signal's mechanism, so it is as strong as that evidence: a CPU blip does not
            // borrow the strength of an unrelated counter on the same service.
            var score = weight(top);
            var victimOf = service.Length == 0 ? null : DeepestAnomalousCallee(incident, service, strength, symptom);
            var confidence = SignalFacts.ConfidenceFromStrength(score) * (victimOf is null ? 1 : PropagationDiscount);
            var name = service.Length == 0 ? null : service;
            var description = $"{top.Description}" + (evidence.Length > 1 ? $"; {evidence.Length - 1} more anomalous metric(s) on this service" : "")
                + (victimOf is null ? "" : $"; its callee {victimOf} is at least as anomalous, so this may be propagation");
            claims.Add((confidence, HypothesisClaim.Create(
                FaultTypes.Label(fault, name),
                description,
                confidence,
                top.Severity,
                [top.Id, .. evidence.Where(s => s != top).Take(4).Select(s => s.Id)],
                name,
                fault)));
        }

        // Every anomalous service is proposed: the aggregator ranks and cuts, so the root cause is never lost to a
        // crowd of noisier services before ranking.
        return [.. claims.OrderByDescending(c => c.Score).Select(c => c.Claim)];
    }

    /// <inheritdoc />
    protected override string EvidenceSample(SreIncident incident) =>
        string.Join('\n', incident.Metrics.Take(40).Select(m => $"{m.Key}: {m.Points.Count} points, last {m.Points[^1].Value}"));

    /// <summary>
    /// A signal's strength as evidence of a fault: faults push resource use, latency and errors up, so a
    /// drop in one of those (a restart freeing memory, a quieter CPU) weighs a third as much; a drop in a
    /// success rate or availability is the bad direction and keeps its full weight (a rise weighs a third), and
    /// a traffic or byte-count change weighs a third too (load moves with users, not with faults), and so does a
    /// metric of unknown kind (activity counters such as syscalls follow load; a name that says nothing cannot name
    /// a mechanism). Client-side latency (a metric named
    /// "client") measures the callees and weighs a third for the service itself.
    /// </summary>
    internal static double Weight(Signal signal)
    {
        var strength = signal.Strength();
        var measured = signal.Measured();
        var down = measured?.Direction == ChangeDirection.Down;
        var successLike = measured is { IsSuccessLike: true };
        var faultRaises = measured?.MetricKind is MetricKind.Cpu or MetricKind.Memory or MetricKind.Disk or MetricKind.Connections or MetricKind.Latency or MetricKind.Errors;
        if (measured is { MetricKind: MetricKind.Latency } && measured.Metric.Contains("client", StringComparison.OrdinalIgnoreCase))
        {
            // Client-side latency is the time a service waits on its callees: evidence about them, not about itself.
            return strength / 3;
        }

        // Good-direction moves (less resource use, latency or errors; a higher success rate or availability) and
        // load (traffic, bytes) are context, not a fault: a third of their strength.
        var goodDirection = successLike ? !down : down && faultRaises;
        return goodDirection || measured?.MetricKind is MetricKind.Traffic or MetricKind.Other ? strength / 3 : strength;
    }

    private static bool IsResource(MetricKind? kind) => kind is MetricKind.Cpu or MetricKind.Memory or MetricKind.Disk or MetricKind.Connections or MetricKind.Network;

    /// <summary>
    /// The nearest callee (through anomalous services only) whose own symptom evidence (latency, errors,
    /// resources; not traffic) reaches <see cref="CalleeShare"/> of this service's strength.
    /// </summary>
    private static string? DeepestAnomalousCallee(SreIncident incident, string service, Dictionary<string, double> strength, Dictionary<string, double> symptom)
    {
        if (incident.Topology.Count == 0)
        {
            return null;
        }

        var own = strength[service];
        var seen = new HashSet<string>(StringComparer.Ordinal) { service };
        var queue = new Queue<string>(incident.Topology.GetValueOrDefault(service) ?? []);
        while (queue.Count > 0)
        {
            var callee = queue.Dequeue();
            if (!seen.Add(callee) || !strength.ContainsKey(callee))
            {
                continue;
            }

            if (symptom.TryGetValue(callee, out var s) && s > 0 && s >= CalleeShare * own)
            {
                return callee;
            }

            foreach (var next in incident.Topology.GetValueOrDefault(callee) ?? [])
            {
                queue.Enqueue(next);
            }
        }

        return null;
    }
}
