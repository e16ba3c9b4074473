namespace Alpha.Platform.Specs;

/// <summary>When an analysis result must be reviewed by a person: nothing valid, a weak top score, or a close call.</summary>
/// <param name="MinTopScore">A top score below this needs review.</param>
/// <param name="MinMargin">A lead of the top hypothesis over the second smaller than this needs review.</param>
public sealed record HumanReviewRule(double MinTopScore, double MinMargin);
