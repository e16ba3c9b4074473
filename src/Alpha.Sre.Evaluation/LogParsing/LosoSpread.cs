using System.Text.Json.Serialization;

namespace Alpha.Sre.Evaluation.LogParsing;

/// <summary>The spread of each score over the held-out systems.</summary>
public sealed record LosoSpread(
    [property: JsonPropertyName("ga")] ScoreSpread GroupingAccuracy,
    [property: JsonPropertyName("pa")] ScoreSpread ParsingAccuracy,
    [property: JsonPropertyName("fga")] ScoreSpread GroupingF1,
    [property: JsonPropertyName("fta")] ScoreSpread TemplateF1)
{
    /// <summary>The spreads of the four scores over <paramref name="results"/>.</summary>
    public static LosoSpread Of(IReadOnlyList<SystemParsingResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new LosoSpread(
            ScoreSpread.Of([.. results.Select(r => r.GroupingAccuracy)]),
            ScoreSpread.Of([.. results.Select(r => r.ParsingAccuracy)]),
            ScoreSpread.Of([.. results.Select(r => r.GroupingF1)]),
            ScoreSpread.Of([.. results.Select(r => r.TemplateF1)]));
    }
}
