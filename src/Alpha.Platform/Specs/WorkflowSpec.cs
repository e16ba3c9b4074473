namespace Alpha.Platform.Specs;

/// <summary>A workflow: a DAG of nodes, each an adapter over one or more agent specs, with inputs and cost caps.</summary>
/// <param name="Name">Unique workflow spec name.</param>
/// <param name="Description">What the workflow does.</param>
/// <param name="Inputs">The inputs a run must (or may) supply, by name.</param>
/// <param name="Nodes">The nodes, in declaration order.</param>
/// <param name="Edges">Dependencies: <c>from</c> runs before <c>to</c>.</param>
/// <param name="CostCaps">Per-node token and per-run dollar limits.</param>
/// <param name="Layout">Where the studio canvas draws each node, by node id (optional; hashed with the spec, ignored by runs).</param>
public sealed record WorkflowSpec(
    string Name,
    string? Description,
    IReadOnlyDictionary<string, WorkflowInput> Inputs,
    IReadOnlyList<WorkflowNode> Nodes,
    IReadOnlyList<WorkflowEdge> Edges,
    CostCaps? CostCaps,
    IReadOnlyDictionary<string, NodePlace>? Layout = null)
    : Spec(Name, Description)
{
    /// <summary>The adapter kinds a node may use.</summary>
    public static IReadOnlyList<string> AdapterKinds { get; } = ["graph", "crew", "debate", "fusion", "execution", "schedule", "studio"];

    /// <inheritdoc />
    public override SpecKind Kind => SpecKind.Workflow;
}
