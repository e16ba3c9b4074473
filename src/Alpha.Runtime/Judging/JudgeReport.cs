using Alpha.Runtime.Schemas;

namespace Alpha.Runtime.Judging;

/// <summary>What the judge let through and its verdict on every claim.</summary>
/// <param name="Accepted">Validated hypotheses, in the order the claims were judged.</param>
/// <param name="Verdicts">One verdict per claim, same order.</param>
public sealed record JudgeReport(IReadOnlyList<Hypothesis> Accepted, IReadOnlyList<JudgeVerdict> Verdicts)
{
    /// <summary>The rejected verdicts.</summary>
    public IEnumerable<JudgeVerdict> Rejected => Verdicts.Where(v => !v.Accepted);
}
