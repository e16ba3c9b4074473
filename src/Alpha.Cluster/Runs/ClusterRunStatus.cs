namespace Alpha.Cluster.Runs;

/// <summary>Where a cluster run is, as its grain knows it (the ledger row is the record; this is the coordination state).</summary>
public enum ClusterRunStatus
{
    /// <summary>No dispatch yet (a grain nobody started).</summary>
    None,

    /// <summary>Dispatched; the ledger run is being opened.</summary>
    Starting,

    /// <summary>A node drives the ledger run.</summary>
    Running,

    /// <summary>The ledger run completed.</summary>
    Completed,

    /// <summary>The run failed (a node failed, or it could not be resumed: the reason says why).</summary>
    Failed,

    /// <summary>Killed or cancelled.</summary>
    Cancelled,

    /// <summary>Stopped by a cost cap.</summary>
    Capped,
}
