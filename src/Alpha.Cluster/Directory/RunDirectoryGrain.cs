namespace Alpha.Cluster.Directory;

/// <summary>One node's run list, persisted in the ledger's PostgreSQL (it outlives the node it describes).</summary>
internal sealed class RunDirectoryGrain([PersistentState("directory", ClusterNames.Storage)] IPersistentState<RunDirectoryState> state) : Grain, IRunDirectoryGrain
{
    public async Task AddAsync(string runKey)
    {
        if (state.State.Runs.Add(runKey))
        {
            await state.WriteStateAsync().ConfigureAwait(true);
        }
    }

    public async Task RemoveAsync(string runKey)
    {
        if (state.State.Runs.Remove(runKey))
        {
            await state.WriteStateAsync().ConfigureAwait(true);
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Runs.Order(StringComparer.Ordinal)]);
}
