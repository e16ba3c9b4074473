using Alpha.Platform.Ledger;

namespace Alpha.Workflows;

/// <summary>A finished workflow run: its ledger row and the outputs of the nodes that finished.</summary>
/// <param name="Run">The workflow_runs row as closed.</param>
/// <param name="Outputs">Every finished node's output, by node id.</param>
/// <param name="SpecVersions">The locked spec version ids the run used: the workflow's and each agent's, by spec name.</param>
public sealed record WorkflowRunResult(WorkflowRun Run, IReadOnlyDictionary<string, string> Outputs, IReadOnlyDictionary<string, string> SpecVersions);
