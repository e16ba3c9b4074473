using Alpha.Runtime.Aggregation;
using Alpha.Runtime.Schemas;
using BenchmarkDotNet.Attributes;

namespace Alpha.Benchmarks;

/// <summary>The aggregator alone (default options: subset merging on) over <see cref="Count"/> accepted hypotheses.</summary>
[MemoryDiagnoser]
public class AggregatorBenchmarks
{
    private readonly Aggregator _aggregator = new();
    private Hypothesis[] _hypotheses = [];

    [Params(100, 1_000, 10_000)]
    public int Count { get; set; }

    [Params(LabelVariant.Distinct, LabelVariant.HalfAgreeing)]
    public LabelVariant Labels { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _hypotheses = Workload.Hypotheses(Count, Labels);
        var groups = _aggregator.Aggregate(_hypotheses).GroupCount;
        var expected = Labels == LabelVariant.Distinct ? Count : Count / 2;
        if (groups != expected)
        {
            throw new InvalidOperationException($"expected {expected} groups, got {groups}");
        }
    }

    [Benchmark]
    public AggregationResult Aggregate() => _aggregator.Aggregate(_hypotheses);
}
