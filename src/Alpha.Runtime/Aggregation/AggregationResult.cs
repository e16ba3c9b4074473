using Alpha.Runtime.Schemas;

namespace Alpha.Runtime.Aggregation;

/// <summary>The aggregator's output.</summary>
/// <param name="Ranked">The top groups, best first.</param>
/// <param name="GroupCount">How many groups there were before the top-k cut.</param>
public sealed record AggregationResult(IReadOnlyList<RankedHypothesis> Ranked, int GroupCount);
