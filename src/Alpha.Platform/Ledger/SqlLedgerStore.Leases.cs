namespace Alpha.Platform.Ledger;

/// <content>Run ownership: heartbeats, and closing the runs whose process is gone.</content>
public abstract partial class SqlLedgerStore
{
    /// <inheritdoc />
    public Task<bool> HeartbeatAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return WriteAsync(
            async (connection, transaction) =>
            {
                // Only an open run: a finished run is immutable (and its triggers would refuse the update).
                var updated = await ExecuteAsync(
                    connection,
                    transaction,
                    $"UPDATE workflow_runs SET heartbeat_at = @now WHERE run_id = @id AND status IN {ActiveStatuses}",
                    [("now", ToDbTimestamp(Time.GetUtcNow())), ("id", runId)],
                    cancellationToken).ConfigureAwait(false);
                return updated == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ActiveRun>> ListActiveRunsAsync(DateTimeOffset inactiveSince, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            null,
            $"SELECT run_id, status, updated_at, heartbeat_at, owner_host, owner_pid, owner_started_at FROM workflow_runs WHERE status IN {ActiveStatuses} AND updated_at < @since ORDER BY created_at, run_id",
            [("since", ToDbTimestamp(inactiveSince))]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<ActiveRun>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var owner = reader.IsDBNull(4) || reader.IsDBNull(5) || reader.IsDBNull(6)
                ? null
                : new RunOwner(reader.GetString(4), (int)Int64(reader, 5), ReadTimestamp(reader, 6));
            runs.Add(new ActiveRun(reader.GetString(0), LedgerNames.ParseRunStatus(reader.GetString(1)), ReadTimestamp(reader, 2), NullableTimestamp(reader, 3), owner));
        }

        return runs;
    }

    /// <inheritdoc />
    public Task<bool> AbandonRunAsync(string runId, DateTimeOffset inactiveSince, DateTimeOffset? heartbeatBefore, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return WriteAsync(
            async (connection, transaction) =>
            {
                // The conditions are checked again in the update itself: a run written or renewed since it was listed stays open.
                var now = ToDbTimestamp(Time.GetUtcNow());
                List<(string, object?)> parameters = [("id", runId), ("reason", reason), ("now", now), ("since", ToDbTimestamp(inactiveSince))];
                var heartbeat = string.Empty;
                if (heartbeatBefore is { } before)
                {
                    heartbeat = " AND (heartbeat_at IS NULL OR heartbeat_at < @heartbeat)";
                    parameters.Add(("heartbeat", ToDbTimestamp(before)));
                }

                var updated = await ExecuteAsync(
                    connection,
                    transaction,
                    $"UPDATE workflow_runs SET status = 'failed', error = @reason, finished_at = @now, updated_at = @now WHERE run_id = @id AND status IN {ActiveStatuses} AND updated_at < @since{heartbeat}",
                    parameters,
                    cancellationToken).ConfigureAwait(false);
                return updated == 1;
            },
            cancellationToken);
    }
}
