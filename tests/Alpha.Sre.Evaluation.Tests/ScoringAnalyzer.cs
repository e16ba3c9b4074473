using Alpha.Runtime;
using Alpha.Runtime.Aggregation;
using Alpha.Sre.Analysis;
using Alpha.Sre.Evaluation.Rca;

namespace Alpha.Sre.Evaluation.Tests;

/// <summary>
/// The analyzer <c>alpha eval rca</c> composes from the shipped spec in deterministic mode (every specialist,
/// synthesis, the runtime's default thresholds), keeping <see cref="RcaEvaluator.RankedForScoring"/> hypotheses.
/// </summary>
internal static class ScoringAnalyzer
{
    public static SreAnalyzer Create() =>
        new(new SreAnalyzerOptions { Runtime = new AlphaRuntimeOptions { Aggregator = new AggregatorOptions { TopK = RcaEvaluator.RankedForScoring } } });
}
