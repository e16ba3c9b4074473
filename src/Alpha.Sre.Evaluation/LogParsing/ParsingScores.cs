using System.Text.Json.Serialization;

namespace Alpha.Sre.Evaluation.LogParsing;

/// <summary>Accuracy of one parse against the ground truth, with loghub-2.0's definitions.</summary>
/// <param name="GroupingAccuracy">GA: share of lines whose predicted group holds exactly the lines of their true group.</param>
/// <param name="ParsingAccuracy">PA: share of lines whose predicted template string equals the true template.</param>
/// <param name="GroupingF1">FGA: F1 of correctly grouped templates (precision over predicted groups, recall over true groups).</param>
/// <param name="TemplateF1">FTA: F1 of predicted groups whose lines all carry one true template equal to the predicted template.</param>
/// <param name="PredictedTemplates">Number of distinct predicted templates.</param>
/// <param name="TruthTemplates">Number of distinct true templates.</param>
public sealed record ParsingScores(
    [property: JsonPropertyName("ga")] double GroupingAccuracy,
    [property: JsonPropertyName("pa")] double ParsingAccuracy,
    [property: JsonPropertyName("fga")] double GroupingF1,
    [property: JsonPropertyName("fta")] double TemplateF1,
    int PredictedTemplates,
    int TruthTemplates);
