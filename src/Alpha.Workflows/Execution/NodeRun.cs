using Alpha.Platform.Specs;
using Alpha.Workflows.Nodes;

namespace Alpha.Workflows.Execution;

/// <summary>One node as the runtime runs it: its spec, body, locked agents and fan-in state.</summary>
internal sealed class NodeRun(WorkflowNode node, WorkflowNodeBody body, IReadOnlyList<AgentSpec> agents, IReadOnlyList<string> predecessors, IReadOnlyList<WorkflowEdge> outgoing)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, NodeOutput> _received = new(StringComparer.Ordinal);

    public WorkflowNode Node => node;

    public WorkflowNodeBody Body => body;

    public IReadOnlyList<AgentSpec> Agents => agents;

    /// <summary>The nodes with an edge into this one, in edge order (empty for a root).</summary>
    public IReadOnlyList<string> Predecessors => predecessors;

    /// <summary>The edges out of this node, in declaration order.</summary>
    public IReadOnlyList<WorkflowEdge> Outgoing => outgoing;

    /// <summary>Takes one upstream output (a skipped one too); returns every upstream output once all have arrived (the fan-in barrier), else null.</summary>
    public IReadOnlyList<NodeOutput>? Receive(NodeOutput output)
    {
        lock (_gate)
        {
            if (predecessors.Count == 0)
            {
                return [];
            }

            _received[output.NodeId] = output;
            return predecessors.All(_received.ContainsKey) ? [.. predecessors.Select(p => _received[p])] : null;
        }
    }
}
