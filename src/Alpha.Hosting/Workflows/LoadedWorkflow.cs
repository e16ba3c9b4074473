using Alpha.Platform.Specs;

namespace Alpha.Hosting.Workflows;

/// <summary>A workflow ready to dispatch: its spec, the agent specs its nodes name and the workflow specs its nested nodes name.</summary>
/// <param name="Workflow">The workflow spec.</param>
/// <param name="Agents">The agent specs by name (of the workflow and of every nested workflow).</param>
/// <param name="Workflows">The nested workflow specs (<c>workflow: name</c>) by name, nested ones of nested ones included.</param>
/// <param name="Path">The workflow's spec file; null when it came from the ledger. Errors found at dispatch name their line in it (<see cref="SpecLines"/>).</param>
public sealed record LoadedWorkflow(WorkflowSpec Workflow, IReadOnlyDictionary<string, AgentSpec> Agents, IReadOnlyDictionary<string, WorkflowSpec> Workflows, string? Path = null);
