using Alpha.Runtime.Judging;
using Alpha.Runtime.Schemas;
using BenchmarkDotNet.Attributes;

namespace Alpha.Benchmarks;

/// <summary>The judge alone over <see cref="Count"/> one-claim results; growth 100 -> 1,000 should be about 10x.</summary>
[MemoryDiagnoser]
public class JudgeBenchmarks
{
    private AgentResult[] _results = [];
    private HashSet<string> _signalIds = [];

    [Params(100, 1_000, 10_000)]
    public int Count { get; set; }

    [Params(LabelVariant.Distinct, LabelVariant.HalfAgreeing)]
    public LabelVariant Labels { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _signalIds = [.. Workload.Signals().Select(s => s.Id)];
        _results = [.. Enumerable.Range(0, Count).Select(i => new AgentResult(Workload.AgentName(i), [Workload.Claim(i, Count, Labels)]))];
        var accepted = JudgeLayer.Judge(_results, _signalIds).Accepted.Count;
        if (accepted != Count)
        {
            throw new InvalidOperationException($"expected {Count} accepted hypotheses, got {accepted}");
        }
    }

    [Benchmark]
    public JudgeReport Judge() => JudgeLayer.Judge(_results, _signalIds);
}
