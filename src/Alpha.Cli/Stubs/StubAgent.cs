using Alpha.Runtime.Agents;
using Alpha.Runtime.Schemas;

namespace Alpha.Cli.Stubs;

/// <summary>
/// STUB, replaced by Alpha.Sre's specialist agents: cites every signal of one source under a generic
/// label. It reasons about nothing; its output is labelled "[stub]" everywhere it is shown.
/// </summary>
internal sealed class StubAgent(string name, string source, string label) : BaseAgent(name)
{
    public override string Mode => "stub";

    protected override Task<AgentResult> RunCoreAsync(AgentContext context, CancellationToken cancellationToken)
    {
        var cited = context.Signals.Where(s => s.Source == source).Select(s => s.Id).ToArray();
        IReadOnlyList<HypothesisClaim> claims = cited.Length == 0
            ? []
            : [HypothesisClaim.Create($"[stub] {label}", $"[stub] {cited.Length} {source} signal(s) present; no analysis performed.", Math.Min(0.3 + (0.1 * cited.Length), 0.6), Severity.Low, cited)];
        return Task.FromResult(Result(claims));
    }

    /// <summary>The four stub agents, one per incident section.</summary>
    public static IEnumerable<BaseAgent> All() =>
    [
        new StubAgent("logs", "logs", "errors present in logs"),
        new StubAgent("metrics", "metrics", "metrics reported"),
        new StubAgent("commits", "commits", "recent commits present"),
        new StubAgent("config", "config", "configuration present"),
    ];
}
