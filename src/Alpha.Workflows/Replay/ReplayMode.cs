namespace Alpha.Workflows.Replay;

/// <summary>How <see cref="WorkflowReplayer"/> answers a replayed run's model calls.</summary>
public enum ReplayMode
{
    /// <summary>From the original run's recorded calls: same outputs, zero tokens, no network.</summary>
    Recorded,

    /// <summary>By calling the models again.</summary>
    Live,
}
