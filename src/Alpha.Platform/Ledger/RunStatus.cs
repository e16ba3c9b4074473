namespace Alpha.Platform.Ledger;

/// <summary>Where a run is in its life. Only <see cref="Pending"/> and <see cref="Running"/> runs change; the others are final.</summary>
public enum RunStatus
{
    /// <summary>Created, not started (queued).</summary>
    Pending,

    /// <summary>Started; agents may be working.</summary>
    Running,

    /// <summary>Finished with a result.</summary>
    Completed,

    /// <summary>Finished without a result (an exception, or abandoned by a process that died).</summary>
    Failed,

    /// <summary>Stopped by its caller or the kill switch.</summary>
    Cancelled,

    /// <summary>Stopped because a cost cap was reached.</summary>
    Capped,
}
