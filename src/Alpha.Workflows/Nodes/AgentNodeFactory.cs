using Alpha.Platform.Specs;
using Alpha.Runtime.Schemas;

namespace Alpha.Workflows.Nodes;

/// <summary>
/// The built-in node bodies over agent specs: <c>execution</c> (exactly one agent) and <c>fusion</c> (fan-in
/// with <c>options.merge</c>: <c>concat</c> (default), <c>majority</c>, or <c>agent</c> with one agent).
/// </summary>
public sealed class AgentNodeFactory : INodeFactory
{
    /// <inheritdoc />
    public WorkflowNodeBody? Create(WorkflowNode node, IReadOnlyList<AgentSpec> agents)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(agents);
        switch (node.Adapter)
        {
            case "execution":
                return agents.Count == 1
                    ? new ExecutionNodeBody(agents[0])
                    : throw Invalid(node, $"an execution node runs exactly one agent, but it names {agents.Count}");
            case "fusion":
                var name = node.Options?["merge"]?.GetValue<string>() ?? (agents.Count == 1 ? "agent" : "concat");
                if (!JsonEnumNames.TryParse<MergeStrategy>(name, out var strategy))
                {
                    throw Invalid(node, $"options.merge '{name}' is not a merge strategy; use one of {string.Join(", ", JsonEnumNames.All<MergeStrategy>())}");
                }

                if (strategy == MergeStrategy.Agent && agents.Count != 1)
                {
                    throw Invalid(node, $"merge 'agent' needs exactly one agent, but it names {agents.Count}");
                }

                return new FusionNodeBody(strategy, agents.Count == 1 ? agents[0] : null);
            default:
                return null;
        }
    }

    private static SpecValidationException Invalid(WorkflowNode node, string message) =>
        new([new SpecError("workflow", null, $"nodes[{node.Id}]", message)]);
}
