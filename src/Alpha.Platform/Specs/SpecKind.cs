namespace Alpha.Platform.Specs;

/// <summary>The three kinds of spec, each with its own version table.</summary>
public enum SpecKind
{
    /// <summary>One agent: model, prompt, kind, tools, timeout, token cap (<c>agent_spec_versions</c>).</summary>
    Agent,

    /// <summary>An incident analysis: agents, top_k, thresholds, human-review rule (<c>analysis_spec_versions</c>).</summary>
    Analysis,

    /// <summary>A workflow DAG: nodes, edges, adapters, inputs, cost caps (<c>workflow_spec_versions</c>).</summary>
    Workflow,
}
