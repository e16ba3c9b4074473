using Alpha.Platform.Specs;

namespace Alpha.Workflows.Scheduling;

/// <summary>The workflow a schedule dispatches, resolved by the host (from a file or the ledger) at every fire.</summary>
/// <param name="Workflow">The workflow spec.</param>
/// <param name="Agents">The agent specs its nodes name, by name.</param>
/// <param name="Workflows">The workflow specs its nested-workflow nodes name, by name.</param>
public sealed record ScheduleTarget(WorkflowSpec Workflow, IReadOnlyDictionary<string, AgentSpec> Agents, IReadOnlyDictionary<string, WorkflowSpec>? Workflows = null);
