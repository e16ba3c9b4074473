using System.Text.Json.Serialization;

namespace Alpha.Sre.Evaluation.Rca;

/// <summary>One scored case.</summary>
/// <param name="Case">Case id.</param>
/// <param name="Label">The true root-cause service (null when the case has no label).</param>
/// <param name="Fault">The data set's fault name, when labelled.</param>
/// <param name="Ranked">Distinct services in Alpha's ranking, best first.</param>
/// <param name="Rank">1-based rank of the label, null when not ranked.</param>
/// <param name="PredictedFault">Alpha's fault type for the labelled service's best hypothesis.</param>
/// <param name="FaultCorrect">Whether it matches the labelled fault type (null when the set has no fault label or the service was not ranked).</param>
/// <param name="Seconds">Analysis time of the case.</param>
public sealed record RcaCaseResult(
    string Case,
    string? Label,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Fault,
    IReadOnlyList<string> Ranked,
    int? Rank,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PredictedFault,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? FaultCorrect,
    double Seconds)
{
    /// <summary>Why the case could not be imported or analysed (null when it ran); a failed case is scored as a miss.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }
}
