namespace Alpha.Cluster.Runs;

/// <summary>A cluster run as its grain reports it.</summary>
/// <param name="Key">The grain key (<c>crun_...</c>).</param>
/// <param name="Status">The status.</param>
/// <param name="Silo">The node driving (or last driving) it.</param>
/// <param name="RunId">The ledger run of the current attempt.</param>
/// <param name="InterruptedRunIds">Ledger runs of earlier attempts, lost with their node.</param>
/// <param name="Attempt">How many times it was started.</param>
/// <param name="Stage">The last recorded stage reached.</param>
/// <param name="Error">Why it failed or was cancelled.</param>
[GenerateSerializer, Immutable]
public sealed record ClusterRunView(
    [property: Id(0)] string Key,
    [property: Id(1)] ClusterRunStatus Status,
    [property: Id(2)] string? Silo,
    [property: Id(3)] string? RunId,
    [property: Id(4)] IReadOnlyList<string> InterruptedRunIds,
    [property: Id(5)] int Attempt,
    [property: Id(6)] string? Stage,
    [property: Id(7)] string? Error)
{
    /// <summary>Whether the run has ended.</summary>
    public bool IsFinal => Status is ClusterRunStatus.Completed or ClusterRunStatus.Failed or ClusterRunStatus.Cancelled or ClusterRunStatus.Capped;
}
