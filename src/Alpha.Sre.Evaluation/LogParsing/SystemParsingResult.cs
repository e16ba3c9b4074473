using System.Text.Json.Serialization;

namespace Alpha.Sre.Evaluation.LogParsing;

/// <summary>The scores of one system.</summary>
/// <param name="System">The system name.</param>
/// <param name="Lines">The lines scored.</param>
/// <param name="GroupingAccuracy">GA (see <see cref="ParsingScores"/>).</param>
/// <param name="ParsingAccuracy">PA.</param>
/// <param name="GroupingF1">FGA.</param>
/// <param name="TemplateF1">FTA.</param>
/// <param name="Templates">Distinct templates the miner produced.</param>
/// <param name="TruthTemplates">Distinct templates in the ground truth.</param>
public sealed record SystemParsingResult(
    string System,
    int Lines,
    [property: JsonPropertyName("ga")] double GroupingAccuracy,
    [property: JsonPropertyName("pa")] double ParsingAccuracy,
    [property: JsonPropertyName("fga")] double GroupingF1,
    [property: JsonPropertyName("fta")] double TemplateF1,
    int Templates,
    int TruthTemplates)
{
    /// <summary>For raw-line runs: the share of lines whose message, as the header splitter cut it, equals the labelled content.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MessageMatchRate { get; init; }

    /// <summary>Builds a result from scores.</summary>
    public static SystemParsingResult From(string system, int lines, ParsingScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return new(system, lines, scores.GroupingAccuracy, scores.ParsingAccuracy, scores.GroupingF1, scores.TemplateF1, scores.PredictedTemplates, scores.TruthTemplates);
    }
}
