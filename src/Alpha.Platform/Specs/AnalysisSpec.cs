namespace Alpha.Platform.Specs;

/// <summary>
/// An incident analysis: which agents run in parallel (by reference to agent specs), which agent writes the
/// synthesis, how many ranked hypotheses come out, the ranking thresholds and the human-review rule.
/// </summary>
/// <param name="Name">Unique analysis spec name.</param>
/// <param name="Description">What the analysis is for.</param>
/// <param name="Agents">The specialists, run in parallel.</param>
/// <param name="Synthesis">The agent that writes the conclusion, if any.</param>
/// <param name="TopK">How many ranked hypotheses to return.</param>
/// <param name="Thresholds">Ranking and timing thresholds.</param>
/// <param name="HumanReview">When the answer needs a person before anyone acts.</param>
public sealed record AnalysisSpec(
    string Name,
    string? Description,
    IReadOnlyList<SpecReference> Agents,
    SpecReference? Synthesis,
    int TopK,
    AnalysisThresholds Thresholds,
    HumanReviewRule HumanReview)
    : Spec(Name, Description)
{
    /// <inheritdoc />
    public override SpecKind Kind => SpecKind.Analysis;
}
