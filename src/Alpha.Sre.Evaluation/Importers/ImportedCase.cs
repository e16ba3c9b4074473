using Alpha.Sre.Evaluation.Csv;
using Alpha.Sre.Incidents;

namespace Alpha.Sre.Evaluation.Importers;

/// <summary>One case of a public data set, turned into an Alpha incident, with its label held separately.</summary>
/// <param name="CaseId">Stable id (the case's path relative to the data set root, with '/').</param>
/// <param name="Incident">The incident: what <c>alpha analyze</c> sees.</param>
/// <param name="Label">The ground truth, or null when the case carries none.</param>
public sealed record ImportedCase(string CaseId, SreIncident Incident, CaseLabel? Label)
{
    /// <summary>Malformed CSV rows skipped while reading the case's files (file, line, reason).</summary>
    public IReadOnlyList<CsvSkippedRow> SkippedRows { get; init; } = [];
}
