using System.Data.Common;
using System.Globalization;
using Alpha.Platform.Specs;

namespace Alpha.Platform.Ledger;

/// <content>Hash-locked spec versions.</content>
public abstract partial class SqlLedgerStore
{
    private const string VersionColumns = "version_id, spec_id, name, version, spec_hash, content, created_at";

    /// <inheritdoc />
    public async Task<SpecSnapshot> SnapshotAsync(Spec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var content = SpecCanonicalizer.ToCanonicalJson(spec);
        var hash = SpecCanonicalizer.HashCanonical(content);

        // The hot path: the content is already locked. A plain read, no write lock.
        await using (var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await FindByHashAsync(connection, null, spec.Kind, hash, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing;
            }
        }

        var table = SpecKindNames.TableName(spec.Kind);
        return await WriteAsync(
            async (connection, transaction) =>
            {
                // Serialise writers of this name, then look again: another task or process may have locked
                // the same content meanwhile. The unique index on spec_hash backs this up.
                await LockSpecNameAsync(connection, transaction, $"alpha.spec/{SpecKindNames.ToName(spec.Kind)}/{spec.Name}", cancellationToken).ConfigureAwait(false);
                if (await FindByHashAsync(connection, transaction, spec.Kind, hash, cancellationToken).ConfigureAwait(false) is { } raced)
                {
                    return raced;
                }

                var next = Convert.ToInt32(
                    await ScalarAsync(connection, transaction, $"SELECT COALESCE(MAX(version), 0) + 1 FROM {table} WHERE name = @name", [("name", spec.Name)], cancellationToken).ConfigureAwait(false),
                    CultureInfo.InvariantCulture);
                var versionId = LedgerIds.New(LedgerIds.VersionPrefix(spec.Kind), Time);
                var specId = LedgerIds.SpecId(spec.Kind, spec.Name);
                var now = Time.GetUtcNow();
                await ExecuteAsync(
                    connection,
                    transaction,
                    $"INSERT INTO {table} ({VersionColumns}) VALUES (@version_id, @spec_id, @name, @version, @spec_hash, @content, @created_at)",
                    [("version_id", versionId), ("spec_id", specId), ("name", spec.Name), ("version", next), ("spec_hash", hash), ("content", content), ("created_at", ToDbTimestamp(now))],
                    cancellationToken).ConfigureAwait(false);
                return new SpecSnapshot(spec.Kind, spec.Name, specId, versionId, next, hash, true, now);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpecSummary>> ListSpecsAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<SpecSummary>();
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var kind in Enum.GetValues<SpecKind>())
        {
            var table = SpecKindNames.TableName(kind);
            await using var command = Command(
                connection,
                null,
                $"""
                SELECT v.name, v.spec_id, c.versions, v.version, v.version_id, v.spec_hash, v.created_at
                FROM {table} v
                JOIN (SELECT name, MAX(version) AS latest, COUNT(*) AS versions FROM {table} GROUP BY name) c
                  ON c.name = v.name AND c.latest = v.version
                ORDER BY v.name
                """,
                []);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(new SpecSummary(
                    kind,
                    reader.GetString(0),
                    reader.GetString(1),
                    (int)Int64(reader, 2),
                    (int)Int64(reader, 3),
                    reader.GetString(4),
                    reader.GetString(5),
                    ReadTimestamp(reader, 6)));
            }
        }

        return list;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpecVersion>> GetSpecVersionsAsync(SpecKind kind, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadVersionsAsync(connection, kind, $"SELECT {VersionColumns} FROM {SpecKindNames.TableName(kind)} WHERE name = @name ORDER BY version", [("name", name)], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<SpecVersion?> GetSpecVersionAsync(SpecKind kind, string versionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(versionId);
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await ReadVersionsAsync(connection, kind, $"SELECT {VersionColumns} FROM {SpecKindNames.TableName(kind)} WHERE version_id = @version_id", [("version_id", versionId)], cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : null;
    }

    private async Task<SpecSnapshot?> FindByHashAsync(DbConnection connection, DbTransaction? transaction, SpecKind kind, string hash, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"SELECT version_id, spec_id, name, version, created_at FROM {SpecKindNames.TableName(kind)} WHERE spec_hash = @spec_hash", [("spec_hash", hash)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new SpecSnapshot(kind, reader.GetString(2), reader.GetString(1), reader.GetString(0), (int)Int64(reader, 3), hash, false, ReadTimestamp(reader, 4));
    }

    private async Task<IReadOnlyList<SpecVersion>> ReadVersionsAsync(DbConnection connection, SpecKind kind, string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        var list = new List<SpecVersion>();
        await using var command = Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new SpecVersion(kind, reader.GetString(2), reader.GetString(1), reader.GetString(0), (int)Int64(reader, 3), reader.GetString(4), reader.GetString(5), ReadTimestamp(reader, 6)));
        }

        return list;
    }
}
