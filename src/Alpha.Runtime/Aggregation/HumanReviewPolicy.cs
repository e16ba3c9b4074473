using System.Globalization;
using Alpha.Runtime.Schemas;

namespace Alpha.Runtime.Aggregation;

/// <summary>
/// Decides when a ranked answer needs a person before anyone acts on it:
/// <list type="bullet">
/// <item>nothing valid remains after the judge;</item>
/// <item>the top score is below <see cref="MinTopScore"/> (default 0.5: the best explanation is a coin flip or worse);</item>
/// <item>the top two scores are within <see cref="MinMargin"/> of each other (default 0.05: too close to call).</item>
/// </list>
/// </summary>
public sealed record HumanReviewPolicy
{
    /// <summary>Scores below this need review.</summary>
    public double MinTopScore { get; init; } = 0.5;

    /// <summary>A lead smaller than this between the top two needs review.</summary>
    public double MinMargin { get; init; } = 0.05;

    /// <summary>The reasons review is required for <paramref name="ranked"/>; empty when it is not.</summary>
    public IReadOnlyList<string> Evaluate(IReadOnlyList<RankedHypothesis> ranked)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        if (ranked.Count == 0)
        {
            return ["no valid hypothesis remained after judging"];
        }

        var reasons = new List<string>(2);
        if (ranked[0].Score < MinTopScore)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"top score {ranked[0].Score:0.00} is below {MinTopScore:0.00}"));
        }

        if (ranked.Count > 1 && ranked[0].Score - ranked[1].Score < MinMargin)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"top two scores ({ranked[0].Score:0.00} and {ranked[1].Score:0.00}) are within {MinMargin:0.00}"));
        }

        return reasons;
    }
}
