using Orleans.Concurrency;

namespace Alpha.Cluster.Runs;

/// <summary>One workflow run of the cluster, keyed <c>crun_...</c>. Orleans keeps one activation: one node drives the run.</summary>
public interface IWorkflowRunGrain : IGrainWithStringKey
{
    /// <summary>Starts the run on this grain's node; returns once its ledger row exists (a second start returns the run as it is).</summary>
    Task<ClusterRunView> StartAsync(ClusterDispatch dispatch);

    /// <summary>The run as the grain knows it.</summary>
    [AlwaysInterleave]
    Task<ClusterRunView> GetAsync();

    /// <summary>Kills the run where it runs; true when a run in flight was stopped.</summary>
    [AlwaysInterleave]
    Task<bool> KillAsync(string by);

    /// <summary>After a node loss: resumes the run here if its node is gone (from its last recorded step), or marks it failed with the reason.</summary>
    Task<ClusterRunView> EnsureRunningAsync();

    /// <summary>The executing node reports a recorded step (a node's end).</summary>
    [AlwaysInterleave]
    Task ReportStageAsync(string runId, string stage);

    /// <summary>The executing node reports the ledger run's end.</summary>
    Task ReportFinishedAsync(string runId, ClusterRunStatus status, string? reason);
}
