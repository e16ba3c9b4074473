using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals.Evidence;
using Microsoft.Extensions.AI;

namespace Alpha.Sre.Agents;

/// <summary>
/// Logs specialist. Rules, over log signals grouped by (service, category):
/// pool exhaustion -> connection-pool; out of memory -> memory; no space left -> disk; timeouts and
/// refused/reset connections that name another known service -> dependency-failure of that service
/// (the callee is the suspect, not the caller that logs it); otherwise timeouts -> network-delay on
/// the service; exceptions -> code-exception; other error bursts -> code-exception at lower confidence.
/// Confidence starts from the category's specificity and grows with the burst's strength.
/// </summary>
public sealed class LogAgent(IChatClient? chatClient = null) : SreAgent("logs", chatClient)
{
    /// <inheritdoc />
    protected override string Speciality => "logs (error templates, exceptions, timeouts, resource exhaustion)";

    /// <inheritdoc />
    protected override IEnumerable<Signal> Relevant(IReadOnlyList<Signal> signals) => signals.Where(s => s.Source == "logs");

    /// <inheritdoc />
    protected override IReadOnlyList<HypothesisClaim> Reason(SreIncident incident, IReadOnlyList<Signal> signals)
    {
        var claims = new List<HypothesisClaim>();
        var groups = Relevant(signals)
            .GroupBy(s => (Service: s.TargetService() ?? s.Service, Category: (s.Payload as LogTemplateBurst)?.Category ?? "error"))
            .OrderByDescending(g => g.Max(s => s.Severity))
            .ThenByDescending(g => g.Sum(s => s.Strength()));
        foreach (var group in groups)
        {
            var (service, category) = group.Key;
            var targeted = group.Any(s => s.TargetService() is not null);
            var fault = category switch
            {
                "timeout" when !targeted => FaultTypes.NetworkDelay,
                "connection" when !targeted => FaultTypes.PacketLoss,
                _ => Symptoms.FaultOfLogCategory(category) ?? FaultTypes.CodeException,
            };
            var specificity = category switch
            {
                "pool" or "oom" or "disk" => 0.7,
                "timeout" or "connection" => targeted ? 0.65 : 0.5,
                "exception" => 0.55,
                _ => 0.4,
            };
            var evidence = group.OrderByDescending(s => s.Severity).ThenByDescending(s => s.Strength()).ToArray();
            var strength = evidence.Sum(s => s.Strength());
            var confidence = Math.Round(Math.Min(0.92, specificity + (0.05 * Math.Log2(1 + (strength / 5)))), 4);
            claims.Add(HypothesisClaim.Create(
                FaultTypes.Label(fault, service),
                $"{evidence.Length} log signal(s) of {category}{(service is null ? "" : $" pointing at {service}")}: {evidence[0].Description}",
                confidence,
                evidence[0].Severity,
                [.. evidence.Take(6).Select(s => s.Id)],
                service,
                fault));
        }

        return [.. claims.OrderByDescending(c => c.Confidence).Take(10)];
    }

    /// <inheritdoc />
    protected override string EvidenceSample(SreIncident incident) =>
        string.Join('\n', incident.Logs
            .Where(l => l.Level is { } lv ? lv.StartsWith('E') || lv.StartsWith('F') || lv.StartsWith('W') : true)
            .Take(60)
            .Select(l => $"{l.Timestamp:O} {l.Service} {l.Level} {l.Message}"));
}
