namespace Alpha.Cluster.Runs;

/// <summary>
/// The persisted state of one cluster run's grain (opaque bytes in Orleans' storage table: a cache of coordination,
/// never the audit record, which is the ledger): the dispatch (spec versions, inputs), the status, the node driving
/// it, the ledger run of the current attempt and the position reached.
/// </summary>
[GenerateSerializer]
public sealed class WorkflowRunState
{
    /// <summary>What was dispatched; null until started.</summary>
    [Id(0)] public ClusterDispatch? Dispatch { get; set; }

    /// <summary>The run's status.</summary>
    [Id(1)] public ClusterRunStatus Status { get; set; }

    /// <summary>The silo driving (or last driving) the run.</summary>
    [Id(2)] public string? Silo { get; set; }

    /// <summary>The ledger run of the current attempt.</summary>
    [Id(3)] public string? RunId { get; set; }

    /// <summary>Earlier attempts' ledger runs (each closed failed with the reason it was interrupted).</summary>
    [Id(4)] public List<string> InterruptedRunIds { get; set; } = [];

    /// <summary>How many times the run was started (1 + resumptions).</summary>
    [Id(5)] public int Attempt { get; set; }

    /// <summary>The last recorded stage reached (a node's end or the run's).</summary>
    [Id(6)] public string? Stage { get; set; }

    /// <summary>The error of a failed, cancelled or capped run.</summary>
    [Id(7)] public string? Error { get; set; }

    /// <summary>Who asked for a kill (a killed run is never resumed).</summary>
    [Id(8)] public string? KillRequestedBy { get; set; }

    /// <summary>When the state last changed.</summary>
    [Id(9)] public DateTimeOffset UpdatedAt { get; set; }
}
