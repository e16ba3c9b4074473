using Alpha.Platform.Specs;
using Alpha.Workflows.Nodes;

namespace Alpha.Workflows.Scheduling;

/// <summary>
/// A <c>schedule</c> node is a trigger, not a step: dispatching a spec that holds one fails before any row is written,
/// saying to run it with <c>alpha workflows schedule</c> (the <see cref="WorkflowScheduler"/>).
/// </summary>
public sealed class ScheduleNodeFactory : INodeFactory
{
    /// <inheritdoc />
    public WorkflowNodeBody? Create(WorkflowNode node, IReadOnlyList<AgentSpec> agents)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Adapter != ScheduleReader.Adapter)
        {
            return null;
        }

        var target = node.Options?["workflow"]?.ToString() ?? "?";
        throw new SpecValidationException([new SpecError(
            "workflow",
            null,
            $"nodes[{node.Id}].adapter",
            $"a schedule node is a trigger, not a step: it dispatches workflow '{target}' on its cron; run the spec with `alpha workflows schedule FILE` (add --once to fire what is due now), or run '{target}' itself")]);
    }
}
