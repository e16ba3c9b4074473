using Alpha.Platform.Specs;

namespace Alpha.Workflows.Nodes;

/// <summary>
/// The <c>fusion</c> adapter's fan-in: runs once every node with an edge into it has finished (the runtime's
/// barrier) and merges their outputs with its <see cref="MergeStrategy"/>.
/// </summary>
internal sealed class FusionNodeBody(MergeStrategy strategy, AgentSpec? merger) : WorkflowNodeBody
{
    protected override Task<string> RunCoreAsync(NodeInvocation invocation, CancellationToken cancellationToken)
    {
        var upstream = invocation.Upstream;
        switch (strategy)
        {
            case MergeStrategy.Majority:
                var winner = upstream
                    .Select((o, i) => (o.Text, i))
                    .GroupBy(p => p.Text, StringComparer.Ordinal)
                    .OrderByDescending(g => g.Count())
                    .ThenBy(g => g.Min(p => p.i))
                    .Select(g => g.Key)
                    .FirstOrDefault();
                return Task.FromResult(winner ?? string.Empty);
            case MergeStrategy.Agent when merger is not null:
                return AgentCall.RunAsync(merger, invocation, AgentCall.Prompt(invocation, "Merge the answers above into one."), cancellationToken);
            default:
                return Task.FromResult(string.Join("\n", upstream.Select(o => $"{o.NodeId}: {o.Text}")));
        }
    }
}
