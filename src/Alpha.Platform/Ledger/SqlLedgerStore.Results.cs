using System.Data.Common;

namespace Alpha.Platform.Ledger;

/// <content>Run results and promoted data sources of alpha serve (schema version 8).</content>
public abstract partial class SqlLedgerStore : IRunResultStore, ISourcePromotionStore
{
    private const string PromotionColumns = "entry_id, kind, name, location, promoted_by, promoted_at";

    /// <inheritdoc />
    public Task<bool> SaveRunResultAsync(string runId, string kind, string json, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(json);
        return WriteAsync(
            async (connection, transaction) =>
            {
                await using (var exists = Command(connection, transaction, "SELECT 1 FROM workflow_runs WHERE run_id = @id", [("id", runId)]))
                {
                    if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
                    {
                        throw new InvalidOperationException($"No run '{runId}' in the ledger.");
                    }
                }

                var inserted = await ExecuteAsync(
                    connection,
                    transaction,
                    "INSERT INTO run_results (run_id, kind, content, created_at) VALUES (@id, @kind, @content, @created_at) ON CONFLICT (run_id, kind) DO NOTHING",
                    [("id", runId), ("kind", kind), ("content", json), ("created_at", ToDbTimestamp(Time.GetUtcNow()))],
                    cancellationToken).ConfigureAwait(false);
                return inserted == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> GetRunResultsAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT kind, content FROM run_results WHERE run_id = @id", [("id", runId)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var results = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            results[reader.GetString(0)] = reader.GetString(1);
        }

        return results;
    }

    /// <inheritdoc />
    public Task<(SourcePromotion Promotion, bool Created)> PromoteSourceAsync(SourcePromotion promotion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        ArgumentException.ThrowIfNullOrWhiteSpace(promotion.EntryId);
        return WriteAsync(
            async (connection, transaction) =>
            {
                var inserted = await ExecuteAsync(
                    connection,
                    transaction,
                    $"INSERT INTO source_promotions ({PromotionColumns}) VALUES (@id, @kind, @name, @location, @by, @at) ON CONFLICT (entry_id) DO NOTHING",
                    [("id", promotion.EntryId), ("kind", promotion.Kind), ("name", promotion.Name), ("location", promotion.Location), ("by", promotion.PromotedBy), ("at", ToDbTimestamp(promotion.PromotedAt))],
                    cancellationToken).ConfigureAwait(false);
                var kept = await ReadPromotionsAsync(connection, transaction, $"SELECT {PromotionColumns} FROM source_promotions WHERE entry_id = @id", [("id", promotion.EntryId)], cancellationToken).ConfigureAwait(false);
                return (kept[0], inserted == 1);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SourcePromotion>> ListSourcePromotionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadPromotionsAsync(connection, null, $"SELECT {PromotionColumns} FROM source_promotions ORDER BY promoted_at, entry_id", [], cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<SourcePromotion>> ReadPromotionsAsync(DbConnection connection, DbTransaction? transaction, string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        var list = new List<SourcePromotion>();
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new SourcePromotion(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), ReadTimestamp(reader, 5)));
        }

        return list;
    }
}
