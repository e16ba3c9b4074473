using Alpha.Runtime.Agents;
using Alpha.Runtime.Schemas;

namespace Alpha.Benchmarks;

/// <summary>
/// The cheapest realistic agent: it gives up its thread once (as any agent awaiting I/O does) and returns a
/// result built ahead of time, so that a benchmark measures the runtime around it rather than the agent.
/// </summary>
internal sealed class YieldingAgent : BaseAgent
{
    private readonly AgentResult _result;

    public YieldingAgent(string name, HypothesisClaim claim)
        : base(name)
    {
        _result = Result([claim]);
    }

    protected override async Task<AgentResult> RunCoreAsync(AgentContext context, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return _result;
    }
}
