namespace Alpha.Server.Runs;

/// <summary>Kills the runs of this process (see <see cref="RunDispatcher"/>).</summary>
internal sealed class LocalRunKiller(RunDispatcher dispatcher) : IRunKiller
{
    public Task<bool> KillAsync(string runId, string by, CancellationToken cancellationToken = default) =>
        Task.FromResult(dispatcher.Kill(runId, by));

    public Task<int> KillAllAsync(string by, CancellationToken cancellationToken = default) =>
        Task.FromResult(dispatcher.KillAll(by));
}
