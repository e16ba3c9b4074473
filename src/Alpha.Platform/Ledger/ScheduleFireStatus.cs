namespace Alpha.Platform.Ledger;

/// <summary>Where a schedule fire is: claimed (its row exists, so no one else runs it), running (its run exists), or its run's final status.</summary>
public enum ScheduleFireStatus
{
    /// <summary>Claimed by a scheduler; its run is not created yet.</summary>
    Claimed,

    /// <summary>Its workflow run exists and has not finished.</summary>
    Running,

    /// <summary>Its run completed.</summary>
    Completed,

    /// <summary>Its run failed, or the workflow could not be dispatched at all.</summary>
    Failed,

    /// <summary>Its run was cancelled (kill switch, or the scheduler stopped).</summary>
    Cancelled,

    /// <summary>Its run hit a cost cap.</summary>
    Capped,
}
