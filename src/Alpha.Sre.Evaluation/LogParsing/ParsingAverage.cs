using System.Text.Json.Serialization;

namespace Alpha.Sre.Evaluation.LogParsing;

/// <summary>Unweighted means over systems, as loghub-2.0 averages its tables.</summary>
/// <param name="GroupingAccuracy">Mean GA.</param>
/// <param name="ParsingAccuracy">Mean PA.</param>
/// <param name="GroupingF1">Mean FGA.</param>
/// <param name="TemplateF1">Mean FTA.</param>
public sealed record ParsingAverage(
    [property: JsonPropertyName("ga")] double GroupingAccuracy,
    [property: JsonPropertyName("pa")] double ParsingAccuracy,
    [property: JsonPropertyName("fga")] double GroupingF1,
    [property: JsonPropertyName("fta")] double TemplateF1)
{
    /// <summary>Mean share of lines whose split message equals the labelled content (raw-line runs only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MessageMatchRate { get; init; }

    /// <summary>The means of <paramref name="results"/> (zeros when there are none).</summary>
    public static ParsingAverage Of(IReadOnlyList<SystemParsingResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            return new ParsingAverage(0, 0, 0, 0);
        }

        var rates = results.Where(r => r.MessageMatchRate is not null).Select(r => r.MessageMatchRate!.Value).ToList();
        return new ParsingAverage(
            results.Average(r => r.GroupingAccuracy),
            results.Average(r => r.ParsingAccuracy),
            results.Average(r => r.GroupingF1),
            results.Average(r => r.TemplateF1))
        {
            MessageMatchRate = rates.Count == 0 ? null : rates.Average(),
        };
    }
}
