using Alpha.Workflows;
using Alpha.Workflows.Nodes;

namespace Alpha.Hosting.Workflows;

/// <summary>The node factories a host gives its workflow runtime: the SRE vertical's incident nodes first, then the built-in ones.</summary>
public static class WorkflowNodeFactories
{
    /// <summary>Incident analysis and incident debate, then execution, fusion, crew and debate.</summary>
    public static IReadOnlyList<INodeFactory> Default { get; } = [new IncidentNodeFactory(), .. WorkflowRuntimeOptions.BuiltInNodeFactories];
}
