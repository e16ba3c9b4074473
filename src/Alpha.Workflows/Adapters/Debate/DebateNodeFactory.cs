using Alpha.Platform.Specs;
using Alpha.Workflows.Adapters.GroupChat;
using Alpha.Workflows.Nodes;

namespace Alpha.Workflows.Adapters.Debate;

/// <summary>
/// Builds <c>debate</c> nodes: <c>agents</c> are the participants and the judge; <c>options.judge</c> names the judge
/// (default: the last agent) and <c>options.rounds</c> sets the rounds (default 2, 1 to 20). At least two participants.
/// </summary>
public sealed class DebateNodeFactory : INodeFactory
{
    /// <summary>Rounds when <c>options.rounds</c> is absent.</summary>
    public const int DefaultRounds = 2;

    /// <summary>Most rounds a debate may ask for.</summary>
    public const int MaxRounds = 20;

    /// <inheritdoc />
    public WorkflowNodeBody? Create(WorkflowNode node, IReadOnlyList<AgentSpec> agents)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(agents);
        if (node.Adapter != "debate")
        {
            return null;
        }

        var options = new NodeOptions(node, "rounds", "judge");
        var rounds = options.WholeNumber("rounds", DefaultRounds, 1, MaxRounds);
        var judgeName = options.AgentName("judge", agents) ?? (agents.Count > 0 ? agents[^1].Name : null);
        if (agents.Count < 3)
        {
            options.Fail(null, $"a debate needs at least two participants and a judge, but it names {agents.Count} agent(s)");
        }

        options.ThrowIfInvalid();
        return new DebateNodeBody([.. agents.Where(a => a.Name != judgeName)], agents.First(a => a.Name == judgeName), rounds);
    }
}
