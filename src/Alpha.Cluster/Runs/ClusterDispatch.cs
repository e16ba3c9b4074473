namespace Alpha.Cluster.Runs;

/// <summary>
/// A workflow run asked of the cluster: only locked spec version ids and the inputs, so any node rebuilds exactly the
/// same run from the ledger (and a node that takes the run over after a loss does too).
/// </summary>
/// <param name="WorkflowVersionId">The workflow spec version.</param>
/// <param name="AgentVersionIds">Every agent spec the workflow names: name -> version id.</param>
/// <param name="InputsJson">The run's inputs as a JSON object (null: the declared defaults).</param>
/// <param name="ExperimentId">The experiment the run files under (null: a new one).</param>
/// <param name="Schedule">The schedule whose fire this run is (its <c>schedule_fires</c> row follows the run), or null.</param>
/// <param name="ScheduledAt">The fire's scheduled time, with <paramref name="Schedule"/>.</param>
/// <param name="WorkflowVersionIds">Every child workflow a node runs (nested workflows, at any depth): name -> version id; null: none.</param>
[GenerateSerializer, Immutable]
public sealed record ClusterDispatch(
    [property: Id(0)] string WorkflowVersionId,
    [property: Id(1)] IReadOnlyDictionary<string, string> AgentVersionIds,
    [property: Id(2)] string? InputsJson,
    [property: Id(3)] string? ExperimentId,
    [property: Id(4)] string? Schedule = null,
    [property: Id(5)] DateTimeOffset? ScheduledAt = null,
    [property: Id(6)] IReadOnlyDictionary<string, string>? WorkflowVersionIds = null);
