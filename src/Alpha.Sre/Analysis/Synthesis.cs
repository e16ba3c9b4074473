namespace Alpha.Sre.Analysis;

/// <summary>The written conclusion of an analysis.</summary>
/// <param name="Mode">deterministic or llm.</param>
/// <param name="Summary">The most likely cause in a few sentences.</param>
/// <param name="EvidenceChain">The evidence for it, in causal/time order.</param>
/// <param name="RuledOut">What was considered and set aside, and why.</param>
/// <param name="NextSteps">How to confirm, then how to mitigate.</param>
/// <param name="Notes">Notes such as a fallback from the model.</param>
public sealed record Synthesis(
    string Mode,
    string Summary,
    IReadOnlyList<string> EvidenceChain,
    IReadOnlyList<string> RuledOut,
    IReadOnlyList<string> NextSteps,
    IReadOnlyList<string> Notes);
