using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals;
using Alpha.Sre.Signals.Changes;
using Alpha.Sre.Signals.Evidence;
using Alpha.Sre.Signals.Metrics;
using Microsoft.Extensions.AI;

namespace Alpha.Sre.Agents;

/// <summary>
/// Changes specialist (commits and deployments). Rules: only changes made before the onset are
/// candidates. A deployment ships its service's earlier commits and carries their risky areas. A change whose risky area suggests the same mechanism that the metrics or logs show on
/// its service (a cache change and a memory anomaly) is labelled with that mechanism, so it agrees with
/// the symptom agents; otherwise it is a bad deploy of its service. Confidence: 0.35, +0.15 within the
/// recent window and up to 0.05 more that halves with every hour before the onset (so the change closest
/// before the onset leads among otherwise equal ones), +0.15 when risky, +0.15 when its service shows
/// symptoms, +0.1 when the mechanism matches, +0.1 when its service can reach the failing requests
/// (<see cref="Reach"/>); at most 0.9.
/// <para>
/// A deployment whose new version is measurably worse than its old version
/// (<see cref="VersionComparisonExtractor"/>: the same service, at the same time, under the same traffic)
/// rests on a controlled comparison, which no other change or symptom has: its confidence is
/// <see cref="RegressionFloor"/> (requests failing, slower or no longer served by the new version: what
/// users see) or <see cref="ResourceRegressionFloor"/> (the new version only uses more CPU or connections,
/// which explains failures only through saturation), plus up to 0.12 growing with the strongest
/// regression's score (<see cref="SignalFacts.ConfidenceFromStrength"/>), so it ranks above every deployment
/// without one. It is labelled a bad deploy of its service, with the regressed metrics in the description:
/// the comparison already is the metric evidence of that service, so a symptom hypothesis on the same
/// service must not count as a second, independent agent agreeing with it.
/// </para>
/// </summary>
public sealed class CommitAgent(IChatClient? chatClient = null) : SreAgent("commits", chatClient)
{
    /// <summary>The lowest confidence of a deployment whose new version fails, slows down or stops serving requests against its old version.</summary>
    public const double RegressionFloor = 0.85;

    /// <summary>The lowest confidence of a deployment whose new version only uses more resources than its old version.</summary>
    public const double ResourceRegressionFloor = 0.8;

    /// <inheritdoc />
    protected override string Speciality => "code changes and deployments (timing against the onset, risky areas, a rollout's new version against its old one)";

    /// <inheritdoc />
    protected override IEnumerable<Signal> Relevant(IReadOnlyList<Signal> signals) =>
        signals.Where(s => s.Type is SignalTypes.Commit or SignalTypes.Deployment or VersionComparisonExtractor.SignalType);

    /// <inheritdoc />
    protected override IReadOnlyList<HypothesisClaim> Reason(SreIncident incident, IReadOnlyList<Signal> signals)
    {
        var symptoms = Symptoms.Find(signals);
        var affected = symptoms.Where(s => s.Service is not null).Select(s => s.Service!).ToHashSet(StringComparer.Ordinal);
        var regressions = signals.Where(s => s.Type == VersionComparisonExtractor.SignalType && s.Service is not null).ToArray();
        var reach = Reach(incident, signals);
        var claims = new List<HypothesisClaim>();
        var commits = signals.Where(s => s.Type == SignalTypes.Commit && s.Payload is CommitRisk { BeforeOnset: true }).ToArray();
        foreach (var change in signals.Where(s => s.Type is SignalTypes.Commit or SignalTypes.Deployment))
        {
            // A deployment ships the commits of its service made before it started: it carries their risk, so the
            // change (deploy), its mechanism (the commit's risky area) and the symptom meet in one hypothesis.
            var shipped = change.Payload is DeploymentChange ? Shipped(change, commits) : [];
            var (beforeOnset, minutes, riskFaults) = change.Payload switch
            {
                CommitRisk c => (c.BeforeOnset, c.MinutesBeforeOnset, c.RiskFaults),
                DeploymentChange d => (d.BeforeOnset, d.MinutesBeforeOnset, (IReadOnlyList<string>)[.. shipped.SelectMany(c => ((CommitRisk)c.Payload!).RiskFaults).Distinct(StringComparer.Ordinal)]),
                _ => (true, null, []),
            };
            if (!beforeOnset)
            {
                continue;
            }

            if (change.Type == SignalTypes.Deployment && Regressed(change, regressions) is { Length: > 0 } regressed)
            {
                claims.Add(RegressionClaim(change, regressed));
                continue;
            }

            var service = change.Service;
            var matching = Symptoms.Strongest(symptoms.Where(s => riskFaults.Contains(s.Fault) && (service is null || s.Service == service || s.Service is null)));
            var linkedService = service ?? matching.Service;
            var fault = matching.Fault ?? FaultTypes.BadDeploy;
            var confidence = 0.35 + (minutes is { } m ? 0.15 + (0.05 * Math.Pow(2, -m / 60)) : 0) + (riskFaults.Count > 0 ? 0.15 : 0)
                + (linkedService is not null && affected.Contains(linkedService) ? 0.15 : 0) + (matching.Fault is not null ? 0.1 : 0)
                + (linkedService is not null && reach.Contains(linkedService) ? 0.1 : 0);
            IReadOnlyList<string> cited = matching.Signals is { } sym ? [change.Id, .. shipped.Select(c => c.Id), .. sym.Take(3).Select(s => s.Id)] : [change.Id, .. shipped.Select(c => c.Id)];
            var ships = shipped.Length == 0 ? "" : $" (ships commit {string.Join(", ", shipped.Select(c => ((CommitRisk)c.Payload!).Sha))})";
            claims.Add(HypothesisClaim.Create(
                FaultTypes.Label(fault, linkedService),
                matching.Fault is null
                    ? $"{change.Description}{ships}; a recent change is the usual suspect"
                    : $"{FaultTypes.Describe(fault)} in {linkedService}, introduced by {change.Description}{ships}: it touches an area that can cause the {FaultTypes.Describe(fault)} the evidence shows",
                Math.Round(Math.Min(confidence, 0.9), 4),
                change.Severity,
                cited,
                linkedService,
                fault));
        }

        return [.. claims.OrderByDescending(c => c.Confidence).Take(10)];
    }

    /// <summary>
    /// The services a change must be in to explain the failing requests: those whose requests fail or slow down
    /// (error and latency metrics in the bad direction, error logs) and, when the incident gives a call graph,
    /// everything they call directly or transitively, since a fault propagates from a callee to its callers.
    /// Resource metrics do not count: they do not travel along calls.
    /// </summary>
    internal static IReadOnlySet<string> Reach(SreIncident incident, IReadOnlyList<Signal> signals)
    {
        var failing = signals.Where(s => s.Service is not null && s.Source switch
        {
            "metrics" or "traces" => s.Measured() switch
            {
                { MetricKind: MetricKind.Errors } m => (m.Direction == ChangeDirection.Down) == m.IsSuccessLike,
                { MetricKind: MetricKind.Latency } m => m.Direction != ChangeDirection.Down,
                _ => false,
            },
            "logs" => s.Payload is not LogTemplateBurst { IsError: false },
            _ => false,
        }).Select(s => s.SuspectService()!);
        var reach = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(failing);
        while (queue.Count > 0)
        {
            var service = queue.Dequeue();
            if (reach.Add(service))
            {
                foreach (var callee in incident.Topology.GetValueOrDefault(service) ?? [])
                {
                    queue.Enqueue(callee);
                }
            }
        }

        return reach;
    }

    /// <summary>The commits <paramref name="deployment"/> ships: its service's commits made before it started.</summary>
    private static Signal[] Shipped(Signal deployment, Signal[] commits) =>
        [.. commits.Where(c => deployment.Service is not null && c.Service == deployment.Service
            && (c.Timestamp is null || deployment.Timestamp is null || c.Timestamp <= deployment.Timestamp))];

    /// <summary>The regression signals of <paramref name="deployment"/> (same service and new version), strongest first.</summary>
    private static Signal[] Regressed(Signal deployment, Signal[] regressions) =>
        [.. regressions
            .Where(r => r.Service == deployment.Service && ((deployment.Payload as DeploymentChange)?.ToVersion is not { } to || (r.Payload as DeploymentRegression)?.ToVersion is not { } rto || to == rto))
            .OrderByDescending(RegressionConfidence)
            .ThenBy(r => r.Id, StringComparer.Ordinal)];

    private static double RegressionConfidence(Signal regression) =>
        (regression.Payload is DeploymentRegression { Silent: true } or DeploymentRegression { MetricKind: MetricKind.Errors or MetricKind.Latency } ? RegressionFloor : ResourceRegressionFloor)
        + (0.12 * SignalFacts.ConfidenceFromStrength(regression.Value ?? 0) / 0.97);

    private static HypothesisClaim RegressionClaim(Signal deployment, Signal[] regressed)
    {
        var top = regressed[0];
        var more = regressed.Length > 1 ? $"; {regressed.Length - 1} more regressed metric(s)" : "";
        return HypothesisClaim.Create(
            FaultTypes.Label(FaultTypes.BadDeploy, deployment.Service),
            $"{deployment.Description}; {top.Description}{more}",
            Math.Round(Math.Min(RegressionConfidence(top), 0.97), 4),
            top.Severity > deployment.Severity ? top.Severity : deployment.Severity,
            [deployment.Id, .. regressed.Take(3).Select(r => r.Id)],
            deployment.Service,
            FaultTypes.BadDeploy);
    }

    /// <inheritdoc />
    protected override string EvidenceSample(SreIncident incident) =>
        string.Join('\n', incident.Commits.Take(10).Select(c =>
            $"commit {c.Sha} {c.Timestamp:O} {c.Service}: {c.Message}\n" + string.Join('\n', c.Files.Take(5).Select(f => $"  {f.Path} +{f.Additions} -{f.Deletions}\n{LlmClaims.Bound(f.Patch ?? "", 800)}")))
            .Concat(incident.Deployments.Take(20).Select(d => $"deployment {d.Service} {d.FromVersion} -> {d.ToVersion} started {d.StartedAt:O} completed {d.CompletedAt:O}")));
}
