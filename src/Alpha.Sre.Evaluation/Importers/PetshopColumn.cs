namespace Alpha.Sre.Evaluation.Importers;

/// <summary>One value column of a PetShop <c>metrics.csv</c>.</summary>
/// <param name="Node">The call-graph node, as <c>graph.csv</c> spells it (e.g. <c>PetSite</c>).</param>
/// <param name="Metric">The metric: <c>latency</c>, <c>requests</c> or <c>availability</c>.</param>
/// <param name="Statistic">The aggregation: <c>Average</c>, <c>Sum</c>, <c>p50</c>, <c>p90</c>, <c>p95</c>, <c>p99</c>.</param>
public sealed record PetshopColumn(string Node, string Metric, string Statistic);
