using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;

namespace Alpha.Server.Runs;

/// <summary>
/// Kills the runs of this process directly (see <see cref="RunDispatcher"/>); an open workflow run of another process
/// gets a kill request in the ledger, which the process running it reads (its <c>KillWatcher</c>) and acts on.
/// </summary>
internal sealed class LocalRunKiller(RunDispatcher dispatcher, ILedgerStore ledger) : IRunKiller
{
    public async Task<bool> KillAsync(string runId, string by, CancellationToken cancellationToken = default)
    {
        if (dispatcher.Kill(runId, by))
        {
            return true;
        }

        // Analyses read no kill requests: only a workflow run of another process is asked through the ledger.
        if (await ledger.GetRunAsync(runId, cancellationToken).ConfigureAwait(false) is not { Run.SpecKind: SpecKind.Workflow } detail || LedgerNames.IsFinal(detail.Run.Status))
        {
            return false;
        }

        return (await ledger.RequestKillAsync(runId, by, cancellationToken).ConfigureAwait(false)).Requested;
    }

    public Task<int> KillAllAsync(string by, CancellationToken cancellationToken = default) =>
        Task.FromResult(dispatcher.KillAll(by));
}
