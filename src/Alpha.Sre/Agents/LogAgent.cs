using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals;
using Alpha.Sre.Signals.Evidence;
using Microsoft.Extensions.AI;

namespace Alpha.Sre.Agents;

/// <summary>
/// Logs specialist. Rules, over log signals grouped by (service, fault):
/// pool exhaustion -> connection-pool; out of memory -> memory; no space left -> disk; timeouts and
/// refused/reset connections that name another known service -> dependency-failure of that service
/// (the callee is the suspect, not the caller that logs it); otherwise timeouts -> network-delay on
/// the service; exceptions, other errors, a statement that stops following its predecessor within a request, and a
/// changed statement mix (statements that appear, vanish or change share) -> code-exception. Confidence is the shared strength scale (<see cref="SignalFacts.ConfidenceFromStrength"/>)
/// of the group's evidence (<see cref="Evidence"/>), never below the category's specificity for the named
/// mechanisms. With a call graph, a service whose callee's own logs are nearly as surprising is discounted like a
/// metric victim (<see cref="MetricsAgent.PropagationDiscount"/>): a caller's loud errors about a failing call
/// never outrank the callee that shows the fault; a callee's errors that name yet another service (it failed to reach
/// that one) are not counted as its own fault there. So is a service whose only evidence is statements that appeared or
/// gained share (a change of workload, which comes from elsewhere: nothing of its own failed or stopped). The description quotes the most salient statement in its
/// own words, so a cause outside the taxonomy is still named.
/// </summary>
public sealed class LogAgent(IChatClient? chatClient = null) : SreAgent("logs", chatClient)
{
    /// <inheritdoc />
    protected override string Speciality => "logs (error templates, exceptions, timeouts, resource exhaustion, statement mix)";

    /// <inheritdoc />
    protected override IEnumerable<Signal> Relevant(IReadOnlyList<Signal> signals) => signals.Where(s => s.Source == "logs");

    /// <inheritdoc />
    protected override IReadOnlyList<HypothesisClaim> Reason(SreIncident incident, IReadOnlyList<Signal> signals)
    {
        var items = Relevant(signals).Select(s =>
        {
            var log = s.Payload as LogTemplateBurst;
            var error = s.Payload is not LogSequenceBreak && log?.IsError != false;
            var category = s.Payload is LogSequenceBreak ? "statement-sequence" : error ? log?.Category ?? "error" : "statement-mix";
            var targeted = error && s.TargetService() is not null && category is "timeout" or "connection";
            var service = targeted ? s.TargetService() : s.Service;
            var fault = category switch
            {
                "timeout" when !targeted => FaultTypes.NetworkDelay,
                "connection" when !targeted => FaultTypes.PacketLoss,
                _ => Symptoms.FaultOfLogCategory(category) ?? FaultTypes.CodeException,
            };
            return (Signal: s, Service: service, Fault: fault, Category: category, Targeted: targeted, Weight: Evidence(s));
        }).ToArray();
        var groups = items.GroupBy(i => (i.Service, i.Fault)).Select(g =>
        {
            var ordered = g.OrderByDescending(i => i.Weight).ThenBy(i => i.Signal.Id, StringComparer.Ordinal).ToArray();
            return (g.Key.Service, g.Key.Fault, Items: ordered, Strength: Combine(ordered.Select(i => i.Weight)));
        }).ToArray();

        // Each service's own evidence of a fault (errors, and statements its code stopped writing), for the propagation
        // rule; statements that merely appear or gain share are most often a change of workload, not a mechanism, and
        // an error that names another known service is about that dependency (it failed to reach it), not its own.
        var own = items.Where(i => i.Service is not null
                && (i.Signal.Payload is not LogTemplateBurst { IsError: false } || (i.Signal.Payload as LogTemplateBurst)?.Direction == ChangeDirection.Down)
                && !(i.Signal.Payload is LogTemplateBurst { TargetService: not null } && !i.Targeted))
            .GroupBy(i => i.Service!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Combine(g.Select(i => i.Weight)), StringComparer.Ordinal);
        var claims = new List<HypothesisClaim>();
        foreach (var (service, fault, evidence, strength) in groups)
        {
            var top = evidence[0];
            var specificity = top.Category switch
            {
                "pool" or "oom" or "disk" => 0.7,
                "tls" or "dns" or "lock" or "thread-pool" or "queue" or "gc" or "clock" or "rate-limit" or "feature-flag" => 0.65,
                "timeout" or "connection" => top.Targeted ? 0.65 : 0.5,
                _ => 0.0,
            };
            var victimOf = service is null ? null : LouderCallee(incident, service, own);

            // Only statements that appeared or gained share: the service is asked to do other work, which says where
            // the workload changed, not where a fault is; discounted like a victim (nothing of its own failed or stopped).
            var workloadOnly = evidence.All(e => e.Signal.Payload is LogTemplateBurst { IsError: false, Direction: ChangeDirection.Up });
            var confidence = Math.Max(specificity, SignalFacts.ConfidenceFromStrength(strength)) * (victimOf is null && !workloadOnly ? 1 : MetricsAgent.PropagationDiscount);
            var salient = ((top.Signal.Payload as LogTemplateBurst)?.Template ?? (top.Signal.Payload as LogSequenceBreak)?.Template) is { } template ? $" The most salient statement: \"{Shorten(template)}\"." : "";
            claims.Add(HypothesisClaim.Create(
                FaultTypes.Label(fault, service),
                $"{evidence.Length} log signal(s) of {string.Join(", ", evidence.Select(e => e.Category).Distinct(StringComparer.Ordinal))}{(service is null ? "" : $" pointing at {service}")}: {top.Signal.Description}.{salient}"
                    + (victimOf is null ? "" : $" Its callee {victimOf} logs a change at least as surprising, so this may be propagation.")
                    + (workloadOnly ? " Its statements only appeared or grew (no error, nothing stopped): a change of workload, which usually comes from elsewhere." : ""),
                Math.Round(Math.Min(confidence, 0.95), 4),
                evidence.Max(e => e.Signal.Severity),
                [.. evidence.Take(6).Select(e => e.Signal.Id)],
                service,
                fault));
        }

        return [.. claims.OrderByDescending(c => c.Confidence).ThenBy(c => c.Label, StringComparer.Ordinal).Take(12)];
    }

    /// <summary>
    /// A log signal's strength on the shared scale (a Poisson surprise, in the units of a metric's robust score):
    /// error statements that appear or burst, and a statement that no longer follows its predecessor within a request
    /// (a code path now ending early), count fully; a regular statement that vanishes or loses share counts
    /// half (the code path that wrote it is no longer taken, or the workload changed); a non-error statement that
    /// appears or gains share counts a third (most often a change of workload); error lines without a reference
    /// (no times, or a service that logged nothing before the onset) count a third of their number.
    /// </summary>
    internal static double Evidence(Signal signal)
    {
        var log = signal.Payload as LogTemplateBurst;
        var surprise = log?.Surprise ?? signal.Strength();
        return signal.Type switch
        {
            SignalTypes.LogNewErrorTemplate or SignalTypes.LogErrorBurst or SignalTypes.LogSequenceBroken => surprise,
            SignalTypes.LogTemplateVanished => surprise / 2,
            SignalTypes.LogTemplateShift when log?.Direction == ChangeDirection.Down => surprise / 2,
            SignalTypes.LogTemplateNew or SignalTypes.LogTemplateShift => surprise / 3,
            _ => signal.Strength() / 3,
        };
    }

    /// <summary>
    /// Several surprises about one service: the root of their sum of squares, at most 1.5 times the largest
    /// (statements of one code path move together, so they are not independent witnesses).
    /// </summary>
    internal static double Combine(IEnumerable<double> strengths)
    {
        var list = strengths.Where(s => s > 0).ToArray();
        return list.Length == 0 ? 0 : Math.Min(Math.Sqrt(list.Sum(s => s * s)), 1.5 * list.Max());
    }

    private static string? LouderCallee(SreIncident incident, string service, Dictionary<string, double> own)
    {
        if (incident.Topology.Count == 0 || !own.TryGetValue(service, out var mine) || mine <= 0)
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { service };
        var queue = new Queue<string>(incident.Topology.GetValueOrDefault(service) ?? []);
        while (queue.Count > 0)
        {
            var callee = queue.Dequeue();
            if (!seen.Add(callee))
            {
                continue;
            }

            if (own.TryGetValue(callee, out var theirs) && theirs >= MetricsAgent.CalleeShare * mine)
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

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "...";

    /// <inheritdoc />
    protected override string EvidenceSample(SreIncident incident) =>
        string.Join('\n', incident.Logs
            .Where(l => l.Level is { } lv ? lv.StartsWith('E') || lv.StartsWith('F') || lv.StartsWith('W') : true)
            .Take(60)
            .Select(l => $"{l.Timestamp:O} {l.Service} {l.Level} {l.Message}"));
}
