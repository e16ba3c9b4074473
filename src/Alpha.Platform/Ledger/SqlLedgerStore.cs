using System.Data.Common;
using System.Globalization;

namespace Alpha.Platform.Ledger;

/// <summary>
/// The ledger over a relational database: the SQL shared by <see cref="SqliteLedgerStore"/> and
/// <see cref="PostgresLedgerStore"/>. A provider supplies connections, write transactions, timestamp mapping,
/// locking and its migrations; everything else (hash locking, runs, batches, reads) is here, so both stores
/// follow one contract.
/// </summary>
public abstract partial class SqlLedgerStore : ILedgerStore
{
    private const string ActiveStatuses = "('pending', 'running')";

    /// <summary>Creates the store.</summary>
    /// <param name="timeProvider">The clock for created/updated timestamps.</param>
    protected SqlLedgerStore(TimeProvider? timeProvider)
    {
        Time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public abstract string Provider { get; }

    /// <inheritdoc />
    public abstract string Location { get; }

    /// <summary>The clock.</summary>
    protected TimeProvider Time { get; }

    /// <summary>The provider's migrations, in version order.</summary>
    protected abstract IReadOnlyList<LedgerMigration> Migrations { get; }

    /// <summary>
    /// Applies the migrations not yet recorded in <c>schema_migrations</c>, in one write transaction (so
    /// concurrent openers apply each exactly once). Returns how many were applied.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database was migrated by a newer Alpha.</exception>
    public Task<int> MigrateAsync(CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                await LockMigrationsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)", [], cancellationToken).ConfigureAwait(false);
                var applied = new HashSet<int>();
                await using (var command = Command(connection, transaction, "SELECT version FROM schema_migrations", []))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        applied.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
                    }
                }

                var newest = Migrations.Count == 0 ? 0 : Migrations.Max(m => m.Version);
                if (applied.Count > 0 && applied.Max() > newest)
                {
                    throw new InvalidOperationException($"The ledger at {Location} has schema version {applied.Max()}, newer than this Alpha knows ({newest}); upgrade Alpha.");
                }

                var count = 0;
                foreach (var migration in Migrations.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
                {
                    await ExecuteAsync(connection, transaction, migration.Sql, [], cancellationToken).ConfigureAwait(false);
                    await ExecuteAsync(
                        connection,
                        transaction,
                        "INSERT INTO schema_migrations (version, description, applied_at) VALUES (@version, @description, @applied_at)",
                        [("version", migration.Version), ("description", migration.Description), ("applied_at", Time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture))],
                        cancellationToken).ConfigureAwait(false);
                    count++;
                }

                return count;
            },
            cancellationToken);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    /// <summary>Opens a connection for reading.</summary>
    protected abstract ValueTask<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction and commits it; rolls back if it throws. SQLite
    /// takes the database's write lock up front (BEGIN IMMEDIATE); PostgreSQL uses row and advisory locks.
    /// </summary>
    protected abstract Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Begins a read-only transaction that sees one consistent snapshot of the ledger.</summary>
    protected virtual async ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Serialises snapshots of one spec name across processes (a no-op where the write transaction already does).</summary>
    protected virtual Task LockSpecNameAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Serialises migrations across processes (a no-op where the write transaction already does).</summary>
    protected virtual Task LockMigrationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The parameter value of a timestamp column.</summary>
    protected abstract object ToDbTimestamp(DateTimeOffset value);

    /// <summary>Reads a timestamp column.</summary>
    protected abstract DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal);

    /// <summary>Decimal places of a US dollar the ledger keeps exactly (costs of single tokens are fractions of a micro-dollar).</summary>
    protected const int MoneyScale = 10;

    /// <summary>The parameter value of a money column, from US dollars already rounded to <see cref="MoneyScale"/> places.</summary>
    protected abstract object ToDbMoney(decimal value);

    /// <summary>Reads a money column as US dollars.</summary>
    protected abstract decimal ReadMoney(DbDataReader reader, int ordinal);

    /// <summary>Creates a command with named parameters (<c>@name</c> in <paramref name="sql"/>); null values become DBNull.</summary>
    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Executes a statement; returns the affected row count.</summary>
    protected static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    private static async Task ExecuteManyAsync(DbConnection connection, DbTransaction transaction, List<(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters)> commands, CancellationToken cancellationToken)
    {
        if (commands.Count == 0)
        {
            return;
        }

        if (connection.CanCreateBatch)
        {
            // One round trip for all the statements where the provider supports batches (PostgreSQL).
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var (sql, parameters) in commands)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                foreach (var (name, value) in parameters)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = value ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }

                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        // In-process databases (SQLite): one prepared command per statement text, rebound for each row.
        var prepared = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
        try
        {
            foreach (var (sql, parameters) in commands)
            {
                if (prepared.TryGetValue(sql, out var command))
                {
                    for (var i = 0; i < parameters.Count; i++)
                    {
                        command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
                    }
                }
                else
                {
                    command = prepared[sql] = Command(connection, transaction, sql, parameters);
                }

                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var command in prepared.Values)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static long Int64(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private decimal? NullableMoney(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ReadMoney(reader, ordinal);

    private object? FromMoney(decimal? value) => value is { } v ? ToDbMoney(RoundMoney(v)) : null;

    /// <summary>An amount at the ledger's precision (<see cref="MoneyScale"/> decimal places of a US dollar).</summary>
    protected static decimal RoundMoney(decimal value) => decimal.Round(value, MoneyScale);

    private DateTimeOffset? NullableTimestamp(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ReadTimestamp(reader, ordinal);
}
