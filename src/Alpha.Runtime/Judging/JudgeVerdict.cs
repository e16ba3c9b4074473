namespace Alpha.Runtime.Judging;

/// <summary>The judge's verdict on one claim: accepted, or rejected with every rule it broke.</summary>
/// <param name="Agent">The agent name as the result gave it (may be empty: that is itself a violation).</param>
/// <param name="Index">Position of the claim in the agent's result.</param>
/// <param name="Label">The claim's label.</param>
/// <param name="Accepted">True when no rule was broken.</param>
/// <param name="Violations">The broken rules, in rule order; empty when accepted.</param>
public sealed record JudgeVerdict(string Agent, int Index, string Label, bool Accepted, IReadOnlyList<JudgeViolation> Violations)
{
    /// <summary>A one-line reason: "accepted" or the violations joined.</summary>
    public string Reason => Accepted ? "accepted" : string.Join("; ", Violations.Select(v => v.Detail));
}
