namespace Alpha.Sre.Evaluation.Importers;

/// <summary>
/// The ground truth of one case, kept apart from the incident: the analysis never sees it; only scoring does.
/// </summary>
/// <param name="Service">The root-cause service, spelled as the importer spells services in the incident.</param>
/// <param name="FaultType">The fault type in Alpha's taxonomy, when the data set labels one.</param>
/// <param name="DatasetFault">The fault as the data set names it (e.g. <c>cpu_contention</c>), for per-fault tables.</param>
public sealed record CaseLabel(string Service, string? FaultType, string? DatasetFault);
