using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals;
using Microsoft.Extensions.AI;

namespace Alpha.Sre.Agents;

/// <summary>
/// Changes specialist (commits and deployments). Rules: only changes made before the onset are
/// candidates. A change whose risky area suggests the same mechanism that the metrics or logs show on
/// its service (a cache change and a memory anomaly) is labelled with that mechanism, so it agrees with
/// the symptom agents; otherwise it is a bad deploy of its service. Confidence: 0.35, +0.2 within the
/// recent window, +0.15 when risky, +0.15 when its service shows symptoms, +0.1 when the mechanism matches.
/// </summary>
public sealed class CommitAgent(IChatClient? chatClient = null) : SreAgent("commits", chatClient)
{
    /// <inheritdoc />
    protected override string Speciality => "code changes and deployments (timing against the onset, risky areas)";

    /// <inheritdoc />
    protected override IEnumerable<Signal> Relevant(IReadOnlyList<Signal> signals) =>
        signals.Where(s => s.Type is SignalTypes.Commit or SignalTypes.Deployment);

    /// <inheritdoc />
    protected override IReadOnlyList<HypothesisClaim> Reason(SreIncident incident, IReadOnlyList<Signal> signals)
    {
        var symptoms = Symptoms.Find(signals);
        var affected = symptoms.Where(s => s.Service is not null).Select(s => s.Service!).ToHashSet(StringComparer.Ordinal);
        var claims = new List<HypothesisClaim>();
        foreach (var change in Relevant(signals))
        {
            if (change.Attr("before_onset") == "false")
            {
                continue;
            }

            var service = change.Service;
            var riskFaults = (change.Attr("risk_faults") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
            var recent = change.Attr("minutes_before_onset") is not null;
            var matching = Symptoms.Strongest(symptoms.Where(s => riskFaults.Contains(s.Fault) && (service is null || s.Service == service || s.Service is null)));
            var linkedService = service ?? matching.Service;
            var fault = matching.Fault ?? FaultTypes.BadDeploy;
            var confidence = 0.35 + (recent ? 0.2 : 0) + (riskFaults.Length > 0 ? 0.15 : 0)
                + (linkedService is not null && affected.Contains(linkedService) ? 0.15 : 0) + (matching.Fault is not null ? 0.1 : 0);
            IReadOnlyList<string> cited = matching.Signals is { } sym ? [change.Id, .. sym.Take(3).Select(s => s.Id)] : [change.Id];
            claims.Add(HypothesisClaim.Create(
                FaultTypes.Label(fault, linkedService),
                matching.Fault is null
                    ? $"{change.Description}; a recent change is the usual suspect"
                    : $"{change.Description}; it touches an area that can cause the {FaultTypes.Describe(fault)} the evidence shows",
                Math.Round(Math.Min(confidence, 0.9), 4),
                change.Severity,
                cited,
                linkedService,
                fault));
        }

        return [.. claims.OrderByDescending(c => c.Confidence).Take(10)];
    }

    /// <inheritdoc />
    protected override string EvidenceSample(SreIncident incident) =>
        string.Join('\n', incident.Commits.Take(10).Select(c =>
            $"commit {c.Sha} {c.Timestamp:O} {c.Service}: {c.Message}\n" + string.Join('\n', c.Files.Take(5).Select(f => $"  {f.Path} +{f.Additions} -{f.Deletions}\n{LlmClaims.Bound(f.Patch ?? "", 800)}"))));
}
