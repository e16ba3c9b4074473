using Alpha.Platform.Specs;
using Alpha.Workflows.Nodes;

namespace Alpha.Workflows.Adapters.Graph;

/// <summary>Builds <c>graph</c> nodes: their options are read and checked here (a bad graph fails the dispatch before any row is written).</summary>
public sealed class GraphNodeFactory : INodeFactory
{
    /// <inheritdoc />
    public WorkflowNodeBody? Create(WorkflowNode node, IReadOnlyList<AgentSpec> agents)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Adapter == "graph" && node.Workflow is null ? new GraphNodeBody(GraphOptionsParser.Parse(node, agents)) : null;
    }
}
