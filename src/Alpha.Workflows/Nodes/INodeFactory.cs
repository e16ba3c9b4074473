using Alpha.Platform.Specs;

namespace Alpha.Workflows.Nodes;

/// <summary>
/// Turns a workflow node into its body. The runtime asks its factories in order and uses the first that
/// answers; hosts register their own (for example an incident-analysis execution node) in front of the
/// built-in <see cref="AgentNodeFactory"/>.
/// </summary>
public interface INodeFactory
{
    /// <summary>The body of <paramref name="node"/>, or null when this factory does not handle it.</summary>
    /// <param name="node">The node as written in the workflow spec.</param>
    /// <param name="agents">The node's agent specs, resolved and hash-locked, in the node's order.</param>
    WorkflowNodeBody? Create(WorkflowNode node, IReadOnlyList<AgentSpec> agents);
}
