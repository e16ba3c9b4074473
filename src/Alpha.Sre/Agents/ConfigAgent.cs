using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals;
using Alpha.Sre.Signals.Evidence;
using Microsoft.Extensions.AI;

namespace Alpha.Sre.Agents;

/// <summary>
/// Config specialist. Rules: a changed risky key (pool sizes, timeouts, limits, replicas, flags,
/// endpoints, credentials) whose risk matches a mechanism the evidence shows is labelled with that
/// mechanism on the affected service (a pool-size cut and pool-exhaustion errors agree); other risky
/// changes are a bad config change. Confidence: 0.4 for a risky change, +0.15 when the value moved by 2x
/// or more, +0.2 when a symptom matches. Snapshot-only keys (nothing to compare) stay at 0.3.
/// </summary>
public sealed class ConfigAgent(IChatClient? chatClient = null) : SreAgent("config", chatClient)
{
    /// <inheritdoc />
    protected override string Speciality => "configuration changes (pool sizes, timeouts, limits, flags, endpoints, credentials)";

    /// <inheritdoc />
    protected override IEnumerable<Signal> Relevant(IReadOnlyList<Signal> signals) => signals.Where(s => s.Type == SignalTypes.ConfigChange);

    /// <inheritdoc />
    protected override IReadOnlyList<HypothesisClaim> Reason(SreIncident incident, IReadOnlyList<Signal> signals)
    {
        var symptoms = Symptoms.Find(signals);
        var claims = new List<HypothesisClaim>();
        foreach (var change in Relevant(signals))
        {
            if (change.Payload is not ConfigChange { RiskFault: { } riskFault } payload)
            {
                continue;
            }

            var snapshot = payload.Change == ConfigChangeKind.Snapshot;
            var matching = Symptoms.Strongest(symptoms.Where(s => s.Fault == riskFault && (change.Service is null || s.Service == change.Service || s.Service is null)));
            var service = change.Service ?? matching.Service;
            var big = change.Value is { } ratio && (ratio <= 0.5 || ratio >= 2);
            var fault = matching.Fault ?? FaultTypes.ConfigChange;
            var confidence = snapshot
                ? (matching.Fault is null ? 0.3 : 0.45)
                : 0.4 + (big ? 0.15 : 0) + (matching.Fault is not null ? 0.2 : 0);
            IReadOnlyList<string> cited = matching.Signals is { } sym ? [change.Id, .. sym.Take(3).Select(s => s.Id)] : [change.Id];
            claims.Add(HypothesisClaim.Create(
                FaultTypes.Label(fault, service),
                matching.Fault is null
                    ? $"{change.Description}"
                    : $"{change.Description}; consistent with the {FaultTypes.Describe(fault)} the evidence shows",
                Math.Round(confidence, 4),
                snapshot ? Severity.Low : change.Severity,
                cited,
                service,
                snapshot && matching.Fault is null ? FaultTypes.ConfigChange : fault));
        }

        return [.. claims.OrderByDescending(c => c.Confidence).Take(10)];
    }

    /// <inheritdoc />
    protected override string EvidenceSample(SreIncident incident) =>
        $"previous: {incident.ConfigPrevious?.GetRawText() ?? "(not given)"}\ncurrent: {incident.ConfigCurrent.GetRawText()}";
}
