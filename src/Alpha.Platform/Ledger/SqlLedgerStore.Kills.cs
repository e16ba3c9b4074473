using System.Data.Common;
using System.Globalization;

namespace Alpha.Platform.Ledger;

/// <content>Kill requests: another process (alpha runs kill) asks; the process running the run reads and acts.</content>
public abstract partial class SqlLedgerStore
{
    /// <inheritdoc />
    public virtual bool SignalsKillRequests => false;

    /// <inheritdoc />
    public Task<KillRequestResult> RequestKillAsync(string runId, string requestedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(requestedBy);
        return WriteAsync(
            async (connection, transaction) =>
            {
                // The first request is kept (who asked first is who killed it); a finished run is immutable.
                var updated = await ExecuteAsync(
                    connection,
                    transaction,
                    $"UPDATE workflow_runs SET kill_requested_by = COALESCE(kill_requested_by, @by), kill_requested_at = COALESCE(kill_requested_at, @now) WHERE run_id = @id AND status IN {ActiveStatuses}",
                    [("by", Redact(requestedBy)), ("now", ToDbTimestamp(Time.GetUtcNow())), ("id", runId)],
                    cancellationToken).ConfigureAwait(false);
                var status = await ScalarAsync(connection, transaction, "SELECT status FROM workflow_runs WHERE run_id = @id", [("id", runId)], cancellationToken).ConfigureAwait(false);
                if (updated == 1)
                {
                    await SignalKillRequestAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
                }

                return new KillRequestResult(
                    runId,
                    status is null ? null : LedgerNames.ParseRunStatus(Convert.ToString(status, CultureInfo.InvariantCulture)!),
                    updated == 1);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> RequestKillAllAsync(string requestedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestedBy);
        return WriteAsync(
            async (connection, transaction) =>
            {
                var ids = new List<string>();
                await using (var command = Command(
                    connection,
                    transaction,
                    $"UPDATE workflow_runs SET kill_requested_by = COALESCE(kill_requested_by, @by), kill_requested_at = COALESCE(kill_requested_at, @now) WHERE status IN {ActiveStatuses} RETURNING run_id",
                    [("by", Redact(requestedBy)), ("now", ToDbTimestamp(Time.GetUtcNow()))]))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        ids.Add(reader.GetString(0));
                    }
                }

                if (ids.Count > 0)
                {
                    await SignalKillRequestAsync(connection, transaction, "*", cancellationToken).ConfigureAwait(false);
                }

                ids.Sort(StringComparer.Ordinal);
                return (IReadOnlyList<string>)ids;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<KillRequest>> ListKillRequestsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            null,
            $"SELECT run_id, kill_requested_by, kill_requested_at FROM workflow_runs WHERE kill_requested_at IS NOT NULL AND status IN {ActiveStatuses}",
            []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var requests = new List<KillRequest>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            requests.Add(new KillRequest(reader.GetString(0), reader.GetString(1), ReadTimestamp(reader, 2)));
        }

        return requests;
    }

    /// <inheritdoc />
    public virtual Task NextKillSignalAsync(CancellationToken cancellationToken) =>
        Task.Delay(Timeout.Infinite, cancellationToken);

    /// <summary>Tells listeners, at commit, that a kill was requested (<paramref name="runId"/>, or <c>*</c> for all); a no-op where nothing listens.</summary>
    protected virtual Task SignalKillRequestAsync(DbConnection connection, DbTransaction transaction, string runId, CancellationToken cancellationToken) => Task.CompletedTask;
}
