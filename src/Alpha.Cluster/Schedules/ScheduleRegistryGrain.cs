namespace Alpha.Cluster.Schedules;

/// <summary>The cluster's schedule keys, persisted in the ledger's PostgreSQL.</summary>
internal sealed class ScheduleRegistryGrain([PersistentState("schedules", ClusterNames.Storage)] IPersistentState<ScheduleRegistryState> state) : Grain, IScheduleRegistryGrain
{
    public async Task AddAsync(string key)
    {
        if (state.State.Keys.Add(key))
        {
            await state.WriteStateAsync().ConfigureAwait(true);
        }
    }

    public async Task RemoveAsync(string key)
    {
        if (state.State.Keys.Remove(key))
        {
            await state.WriteStateAsync().ConfigureAwait(true);
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Keys.Order(StringComparer.Ordinal)]);
}
