using System.Globalization;
using Alpha.Runtime.Schemas;

namespace Alpha.Runtime.Judging;

/// <summary>
/// The deterministic judge. A claim is accepted only when its result names an agent, it cites at least
/// one signal, every cited signal exists, its confidence lies in [0, 1], and it is well formed (label,
/// severity). No model is involved: the same results and signals always give the same verdicts. The
/// valid claims of a partly valid result are kept. Cost is linear in claims and citations.
/// </summary>
public static class JudgeLayer
{
    /// <summary>Judges every claim of <paramref name="results"/> against the known signal ids.</summary>
    /// <param name="results">Agent results in a deterministic order (the runtime uses registration order).</param>
    /// <param name="signalExists">Returns true for ids of signals in memory.</param>
    public static JudgeReport Judge(IReadOnlyList<AgentResult> results, Func<string, bool> signalExists)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(signalExists);

        var accepted = new List<Hypothesis>();
        var verdicts = new List<JudgeVerdict>();
        var violations = new List<JudgeViolation>();
        foreach (var result in results)
        {
            var agentName = result.AgentName;
            var nameMissing = string.IsNullOrWhiteSpace(agentName);
            for (var i = 0; i < result.Hypotheses.Count; i++)
            {
                var claim = result.Hypotheses[i];
                violations.Clear();
                if (claim is null)
                {
                    violations.Add(new JudgeViolation(JudgeRule.WellFormed, "the claim is null"));
                    verdicts.Add(new JudgeVerdict(agentName, i, string.Empty, false, [.. violations]));
                    continue;
                }

                CheckClaim(claim, nameMissing, signalExists, violations, out var severity);
                var label = claim.Label ?? string.Empty;
                if (violations.Count == 0)
                {
                    accepted.Add(new Hypothesis(label, claim.Description ?? string.Empty, claim.Confidence, severity, claim.SupportingSignals, agentName, claim.Service, claim.FaultType));
                    verdicts.Add(new JudgeVerdict(agentName, i, label, true, []));
                }
                else
                {
                    verdicts.Add(new JudgeVerdict(agentName, i, label, false, [.. violations]));
                }
            }
        }

        return new JudgeReport(accepted, verdicts);
    }

    /// <summary>Convenience overload over a set of known signal ids.</summary>
    public static JudgeReport Judge(IReadOnlyList<AgentResult> results, IReadOnlySet<string> signalIds)
    {
        ArgumentNullException.ThrowIfNull(signalIds);
        return Judge(results, signalIds.Contains);
    }

    private static void CheckClaim(HypothesisClaim claim, bool nameMissing, Func<string, bool> signalExists, List<JudgeViolation> violations, out Severity severity)
    {
        if (nameMissing)
        {
            violations.Add(new JudgeViolation(JudgeRule.AgentNameRequired, "agent_name is empty"));
        }

        var cited = claim.SupportingSignals;
        if (cited is null || cited.Count == 0)
        {
            violations.Add(new JudgeViolation(JudgeRule.EvidenceRequired, "cites no signal"));
        }
        else
        {
            foreach (var id in cited)
            {
                if (string.IsNullOrWhiteSpace(id) || !signalExists(id))
                {
                    violations.Add(new JudgeViolation(JudgeRule.EvidenceExists, $"cited signal '{id}' does not exist"));
                }
            }
        }

        if (!double.IsFinite(claim.Confidence) || claim.Confidence is < 0 or > 1)
        {
            violations.Add(new JudgeViolation(
                JudgeRule.ConfidenceInRange,
                $"confidence {claim.Confidence.ToString(CultureInfo.InvariantCulture)} is not within [0, 1]"));
        }

        if (string.IsNullOrWhiteSpace(claim.Label))
        {
            violations.Add(new JudgeViolation(JudgeRule.WellFormed, "label is empty"));
        }

        if (!SeverityNames.TryParse(claim.Severity, out severity))
        {
            violations.Add(new JudgeViolation(JudgeRule.WellFormed, $"severity '{claim.Severity}' is not low, medium or high"));
        }
    }
}
