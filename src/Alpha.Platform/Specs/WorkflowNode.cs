using System.Text.Json.Nodes;

namespace Alpha.Platform.Specs;

/// <summary>One node of a workflow: an adapter (graph, crew, debate, ...) running one or more agent specs, or a nested workflow.</summary>
/// <param name="Id">Unique within the workflow.</param>
/// <param name="Adapter">One of <see cref="WorkflowSpec.AdapterKinds"/>.</param>
/// <param name="Agents">The agent specs it runs (<c>agent: x</c> is shorthand for <c>agents: [x]</c>); empty for a nested workflow.</param>
/// <param name="Options">Adapter-specific settings (debate rounds, a schedule, ...), kept as written.</param>
/// <param name="Workflow">The workflow spec this node runs as a child run (<c>workflow: name</c>, adapter <c>execution</c>); null for an agent node.</param>
public sealed record WorkflowNode(string Id, string Adapter, IReadOnlyList<SpecReference> Agents, JsonObject? Options = null, SpecReference? Workflow = null);
