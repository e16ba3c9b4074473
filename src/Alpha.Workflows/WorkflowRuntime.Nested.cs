using Alpha.Platform.Specs;
using Alpha.Workflows.Adapters.Nested;
using Alpha.Workflows.Control;
using Alpha.Workflows.Execution;

namespace Alpha.Workflows;

/// <content>Building a run's nodes, nested workflows included (a node with <c>workflow: name</c> runs that spec as a child run).</content>
public sealed partial class WorkflowRuntime
{
    /// <summary>
    /// Resolves every node's agents and builds its body; a nested workflow is resolved from
    /// <see cref="WorkflowDispatch.Workflows"/> and planned too (recursively), so a bad child, a missing one or a
    /// cycle of workflows fails the dispatch before any row is written.
    /// </summary>
    private (NodeRun[] Nodes, Dictionary<string, IReadOnlyList<AgentSpec>> Agents) Plan(WorkflowDispatch dispatch, WorkflowSpec spec, IReadOnlyList<string> chain, CostMeter meter)
    {
        var nodeAgents = spec.Nodes.ToDictionary(n => n.Id, n => (IReadOnlyList<AgentSpec>)[.. n.Agents.Select(r => Resolve(spec, n, r, dispatch.Agents))], StringComparer.Ordinal);
        var nodes = spec.Nodes.Select(n => new NodeRun(
            n,
            n.Workflow is null ? CreateBody(n, nodeAgents[n.Id]) : NestedBody(dispatch, spec, n, chain, meter),
            nodeAgents[n.Id],
            [.. spec.Edges.Where(e => e.Target == n.Id).Select(e => e.Source)],
            [.. spec.Edges.Where(e => e.Source == n.Id)])).ToArray();
        return (nodes, nodeAgents);
    }

    private NestedWorkflowBody NestedBody(WorkflowDispatch dispatch, WorkflowSpec parent, WorkflowNode node, IReadOnlyList<string> chain, CostMeter meter)
    {
        var reference = node.Workflow!;
        var field = $"nodes[{node.Id}].workflow";
        if (chain.Contains(reference.Name, StringComparer.Ordinal))
        {
            throw Invalid(field, $"workflows reference each other in a cycle: {string.Join(" -> ", chain.Append(reference.Name))}");
        }

        var child = dispatch.Workflows?.GetValueOrDefault(reference.Name)
            ?? throw Invalid(field, $"workflow spec '{reference.Name}' was not given to workflow {parent.Name}; known workflows: {string.Join(", ", (dispatch.Workflows?.Keys ?? []).Order(StringComparer.Ordinal))}");
        Plan(dispatch, child, [.. chain, reference.Name], meter);
        return new NestedWorkflowBody(child, (inputs, parentRunId, ct) => RunCoreAsync(
            dispatch with { Workflow = child, Inputs = inputs, ParentRunId = parentRunId },
            meter,
            ct));
    }
}
