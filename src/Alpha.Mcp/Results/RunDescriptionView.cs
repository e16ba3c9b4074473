using System.Text.Json.Nodes;

namespace Alpha.Mcp.Results;

/// <summary>The answer of <c>describe_run</c> (and of <c>run_workflow</c> with <c>wait</c>).</summary>
/// <param name="Run">The run.</param>
/// <param name="Spec">The spec version it ran, when still in the ledger.</param>
/// <param name="Nodes">Its agent runs.</param>
/// <param name="Frames">How many frames it wrote.</param>
/// <param name="LastStage">The stage of its last frame.</param>
/// <param name="Outputs">A workflow's node outputs (redacted), when this process ran it and still keeps them.</param>
/// <param name="Hypotheses">An analysis' ranked hypotheses (without evidence: analyze_incident gives it), when kept.</param>
public sealed record RunDescriptionView(
    RunView Run,
    SpecRefView? Spec,
    IReadOnlyList<NodeView> Nodes,
    int Frames,
    string? LastStage,
    JsonObject? Outputs,
    IReadOnlyList<HypothesisView>? Hypotheses);
