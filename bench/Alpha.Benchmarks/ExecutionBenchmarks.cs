using Alpha.Runtime;
using Alpha.Runtime.Agents;
using Alpha.Runtime.Schemas;
using BenchmarkDotNet.Attributes;

namespace Alpha.Benchmarks;

/// <summary>
/// A whole <see cref="AlphaRuntime.ExecuteAsync"/> (extract, run every agent under its default 30 s timeout,
/// judge, aggregate, review) against a bare <see cref="Task.WhenAll(Task[])"/> of the same agents. The
/// difference divided by <see cref="N"/> is the runtime's per-agent overhead.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerAgentOverheadConfig))]
public class ExecutionBenchmarks
{
    private AlphaRuntime _runtime = null!;
    private IncidentInput _incident = null!;
    private BaseAgent[] _agents = [];
    private AgentContext _context = null!;

    [Params(4, 100, 1_000)]
    public int N { get; set; }

    [Params(LabelVariant.Distinct, LabelVariant.HalfAgreeing)]
    public LabelVariant Labels { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var signals = Workload.Signals();
        _incident = new IncidentInput("bench-deploy-1");
        _context = new AgentContext("exe_baseline", _incident, signals);
        _agents = [.. Enumerable.Range(0, N).Select(i => new YieldingAgent(Workload.AgentName(i), Workload.Claim(i, N, Labels)))];

        // Default options: the 30 s agent timeout (one timer per agent) is part of what is measured.
        _runtime = new AlphaRuntime(extractor: new FixedSignalExtractor(signals));
        foreach (var agent in _agents)
        {
            _runtime.Register(agent);
        }

        // Fail fast if the workload is not what the numbers claim to measure.
        var check = _runtime.ExecuteAsync(_incident).GetAwaiter().GetResult();
        var accepted = check.Verdicts.Count(v => v.Accepted);
        if (accepted != N)
        {
            throw new InvalidOperationException($"expected {N} accepted hypotheses, got {accepted}: {string.Join("; ", check.Verdicts.Select(v => v.Reason).Distinct())}");
        }
    }

    [Benchmark(Baseline = true)]
    public Task<AgentResult[]> BareWhenAll()
    {
        var runs = new Task<AgentResult>[_agents.Length];
        for (var i = 0; i < runs.Length; i++)
        {
            runs[i] = _agents[i].RunAsync(_context, CancellationToken.None);
        }

        return Task.WhenAll(runs);
    }

    [Benchmark]
    public Task<ExecutionResult> RuntimeExecute() => _runtime.ExecuteAsync(_incident);
}
