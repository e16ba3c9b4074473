using System.Text.Json.Serialization;
using Alpha.Sre.Evaluation.Csv;

namespace Alpha.Sre.Evaluation.Rca;

/// <summary>
/// The result of <c>alpha eval rca</c> (docs/evaluation.md): overall and per-fault AC@1, AC@3, Avg@5
/// (keys <c>"ac@1"</c>, <c>"ac@3"</c>, <c>"avg@5"</c>; plus <c>"hr@1"</c>, <c>"hr@3"</c>, <c>"mar"</c> for
/// change sets), fault-type accuracy where labelled, and the per-case table.
/// </summary>
/// <param name="Dataset">The format name.</param>
/// <param name="Mode">deterministic or llm.</param>
/// <param name="Cases">Cases scored (labelled, plus failed cases, which count as misses).</param>
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

    /// <summary>How many malformed CSV rows the importers skipped (each file and line counted once).</summary>
    public int SkippedRows { get; init; }

    /// <summary>The skipped rows: file, line and reason.</summary>
    public IReadOnlyList<CsvSkippedRow> Skipped { get; init; } = [];

    /// <summary>The cases that failed to import or analyse, with their reasons (also in <see cref="PerCase"/>).</summary>
    public IReadOnlyList<RcaCaseResult> Failed { get; init; } = [];
}
