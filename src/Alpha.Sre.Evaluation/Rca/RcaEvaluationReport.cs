using System.Text.Json.Serialization;

namespace Alpha.Sre.Evaluation.Rca;

/// <summary>
/// The result of <c>alpha eval rca</c> (docs/evaluation.md): overall and per-fault AC@1, AC@3, Avg@5
/// (keys <c>"ac@1"</c>, <c>"ac@3"</c>, <c>"avg@5"</c>; plus <c>"hr@1"</c>, <c>"hr@3"</c>, <c>"mar"</c> for
/// change sets), fault-type accuracy where labelled, and the per-case table.
/// </summary>
/// <param name="Dataset">The format name.</param>
/// <param name="Mode">deterministic or llm.</param>
/// <param name="Cases">Cases scored (labelled).</param>
/// <param name="Overall">Overall scores.</param>
/// <param name="ByFault">Scores per data-set fault, each with its case count.</param>
/// <param name="PerCase">Every case.</param>
/// <param name="SecondsPerCase">Mean analysis time per case.</param>
public sealed record RcaEvaluationReport(
    string Dataset,
    string Mode,
    int Cases,
    IReadOnlyDictionary<string, double> Overall,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> ByFault,
    IReadOnlyList<RcaCaseResult> PerCase,
    double SecondsPerCase)
{
    /// <summary>Fault-type accuracy over cases whose set labels a fault type (null when none does).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? FaultTypeAccuracy { get; init; }
}
