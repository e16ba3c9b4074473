namespace Alpha.Server.Runs;

/// <summary>
/// How the server stops runs: the one seam for kills. <see cref="LocalRunKiller"/> reaches the runs of this process
/// (the workflow runtime's in-process kill switch, and analyses through their cancellation); a cross-process kill
/// through the ledger plugs in here.
/// </summary>
public interface IRunKiller
{
    /// <summary>Stops run <paramref name="runId"/>; false when it is not running where this killer reaches.</summary>
    Task<bool> KillAsync(string runId, string by, CancellationToken cancellationToken = default);

    /// <summary>Stops every run it reaches; returns how many.</summary>
    Task<int> KillAllAsync(string by, CancellationToken cancellationToken = default);
}
