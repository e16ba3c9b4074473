using Alpha.Platform.Specs;
using Alpha.Workflows.Adapters.GroupChat;
using Alpha.Workflows.Nodes;

namespace Alpha.Workflows.Adapters.Crew;

/// <summary>
/// Builds <c>crew</c> nodes: <c>agents</c> are the manager and its workers; <c>options.manager</c> names the
/// manager (default: the first agent) and <c>options.max_rounds</c> bounds the delegations (default 5, 1 to 100).
/// </summary>
public sealed class CrewNodeFactory : INodeFactory
{
    /// <summary>Delegations when <c>options.max_rounds</c> is absent.</summary>
    public const int DefaultMaxRounds = 5;

    /// <inheritdoc />
    public WorkflowNodeBody? Create(WorkflowNode node, IReadOnlyList<AgentSpec> agents)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(agents);
        if (node.Adapter != "crew")
        {
            return null;
        }

        var options = new NodeOptions(node, "manager", "max_rounds");
        var maxRounds = options.WholeNumber("max_rounds", DefaultMaxRounds, 1, 100);
        var managerName = options.AgentName("manager", agents) ?? (agents.Count > 0 ? agents[0].Name : null);
        if (agents.Count < 2)
        {
            options.Fail(null, $"a crew needs a manager and at least one worker, but it names {agents.Count} agent(s)");
        }

        options.ThrowIfInvalid();
        var manager = agents.First(a => a.Name == managerName);
        return new CrewNodeBody(manager, [.. agents.Where(a => a.Name != managerName)], maxRounds);
    }
}
