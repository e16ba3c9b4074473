using System.Globalization;
using System.Text;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Agents;

namespace Alpha.Hosting.Workflows;

/// <summary>
/// The incident debate's prompts and its deterministic participants' rule. Every specialist opens with its top
/// accepted hypothesis from the analysis. In round 1 a specialist looks at every other specialist's top hypothesis:
/// when its own accepted evidence backs it (the same fault type on a compatible service, or the same service) it
/// supports it with a claim citing its own signals (agreement is earned with evidence the judge checks); otherwise it
/// challenges it. In later rounds a challenged specialist holds its top hypothesis by citing the same signals again.
/// Nothing here judges: the claims go to the SRE judge (<c>JudgeLayer</c>), which accepts only claims citing
/// signals that exist.
/// </summary>
internal sealed class IncidentDebateRules(IReadOnlyList<string> specialists, IReadOnlyDictionary<string, IReadOnlyList<Hypothesis>> evidence)
{
    /// <summary>Each specialist's top accepted hypothesis (highest confidence, then first proposed), when it has one.</summary>
    public IReadOnlyDictionary<string, Hypothesis> Tops { get; } = evidence
        .Where(p => p.Value.Count > 0)
        .ToDictionary(p => p.Key, p => p.Value.OrderByDescending(h => h.Confidence).First(), StringComparer.Ordinal);

    /// <summary>The system prompt of a specialist with a model.</summary>
    public string SystemPrompt(string agent) => $$"""
        You are "{{agent}}", an SRE specialist in {{SreAgents.Describe(agent)?.Description ?? agent}}, in a debate with the other specialists ({{string.Join(", ", specialists.Where(s => s != agent))}}) about the incident's root cause.
        Each turn: challenge the other specialists' top hypotheses your evidence does not support, and support, with your own signal ids, those it does; answer challenges to your own hypothesis.
        Reply with one JSON object and nothing else:
        {"hypotheses": [{"label": "...", "description": "...", "confidence": 0.0-1.0, "severity": "low|medium|high", "supporting_signals": ["sig_001"], "service": "...", "fault_type": "..."}],
         "challenges": [{"agent": "<specialist>", "label": "<their hypothesis>", "reason": "..."}]}
        Cite only signal ids from the list: the judge rejects every hypothesis without valid citations.
        """;

    /// <summary>The debate's input: the incident's signals and every specialist's opening position.</summary>
    public string Prompt(string deploymentId, IReadOnlyList<Signal> signals)
    {
        var text = new StringBuilder(LlmClaims.UserPrompt(deploymentId, signals, string.Empty));
        text.Append("Opening positions (each specialist's top hypothesis the judge accepted):\n");
        foreach (var agent in specialists)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {agent}: ");
            text.Append(Tops.TryGetValue(agent, out var top)
                ? string.Create(CultureInfo.InvariantCulture, $"'{top.Label}' (service {top.Service ?? "unknown"}, fault {top.FaultType ?? "unknown"}, confidence {top.Confidence:0.00}) citing {string.Join(", ", top.SupportingSignals)}")
                : "no accepted hypothesis");
            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The deterministic argument of <paramref name="agent"/> in round <paramref name="round"/>.</summary>
    public DebateArgument Argue(string agent, int round)
    {
        var claims = new List<HypothesisClaim>();
        var challenges = new List<DebateChallenge>();
        Tops.TryGetValue(agent, out var own);
        if (round == 1)
        {
            foreach (var other in specialists.Where(s => s != agent && Tops.ContainsKey(s)))
            {
                var theirs = Tops[other];
                if (Corroboration(agent, theirs) is { } mine)
                {
                    claims.Add(new HypothesisClaim(
                        theirs.Label,
                        $"{agent} corroborates the {theirs.Label} hypothesis of {other} with its own evidence: {mine.Description}",
                        mine.Confidence,
                        SeverityNames.ToName(theirs.Severity),
                        mine.SupportingSignals,
                        theirs.Service,
                        theirs.FaultType));
                }
                else
                {
                    challenges.Add(new DebateChallenge(other, theirs.Label, own is null
                        ? $"{agent} has no evidence for it"
                        : $"{agent} has no evidence for it; the {agent} evidence points at {own.Label} instead"));
                }
            }
        }
        else if (own is not null && specialists.Where(s => s != agent).Select(s => Corroboration(s, own) is null ? s : null).OfType<string>().ToArray() is { Length: > 0 } challengers)
        {
            // Answer the round-1 challenges by standing on the same evidence again (the judge checks it again).
            claims.Add(new HypothesisClaim(
                own.Label,
                $"{agent} holds {own.Label} against the challenges of {string.Join(", ", challengers)}: {own.Description}",
                own.Confidence,
                SeverityNames.ToName(own.Severity),
                own.SupportingSignals,
                own.Service,
                own.FaultType));
        }

        return new DebateArgument(claims, challenges, true);
    }

    /// <summary>
    /// The strongest accepted hypothesis of <paramref name="agent"/> that backs <paramref name="theirs"/>: the same fault
    /// type on a compatible service (equal, or unknown on either side), or any fault on the same known service.
    /// </summary>
    private Hypothesis? Corroboration(string agent, Hypothesis theirs) =>
        !evidence.TryGetValue(agent, out var mine)
            ? null
            : mine.Where(h => SameFault(h, theirs) || (h.Service is not null && h.Service == theirs.Service))
                .OrderByDescending(h => h.Confidence)
                .FirstOrDefault();

    private static bool SameFault(Hypothesis a, Hypothesis b) =>
        a.FaultType is not null && a.FaultType == b.FaultType && (a.Service is null || b.Service is null || a.Service == b.Service);
}
