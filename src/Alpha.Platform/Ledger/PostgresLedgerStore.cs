using System.Data.Common;
using Npgsql;

namespace Alpha.Platform.Ledger;

/// <summary>
/// The shared ledger on PostgreSQL, for several processes or machines serving one deployment. Snapshots of
/// one spec name are serialised by a transaction-scoped advisory lock; batches of one run by its row lock;
/// migrations by an advisory lock. The schema is the connection's search path (default <c>public</c>).
/// </summary>
public sealed class PostgresLedgerStore : SqlLedgerStore
{
    private readonly NpgsqlDataSource _dataSource;

    private PostgresLedgerStore(NpgsqlDataSource dataSource, string location, TimeProvider? timeProvider)
        : base(timeProvider)
    {
        _dataSource = dataSource;
        Location = location;
    }

    /// <inheritdoc />
    public override string Provider => "postgresql";

    /// <inheritdoc />
    public override string Location { get; }

    /// <inheritdoc />
    protected override IReadOnlyList<LedgerMigration> Migrations => PostgresMigrations.All;

    /// <summary>Connects with <paramref name="connectionString"/> (Npgsql key=value form) and migrates the ledger.</summary>
    public static async Task<PostgresLedgerStore> OpenAsync(string connectionString, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var location = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}{(string.IsNullOrEmpty(builder.SearchPath) ? string.Empty : "?search_path=" + builder.SearchPath)}";
        var store = new PostgresLedgerStore(NpgsqlDataSource.Create(builder), location, timeProvider);
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    protected override Task LockSpecNameAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", [("key", key)], cancellationToken);

    /// <inheritdoc />
    protected override Task LockMigrationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended('alpha.ledger.migrations', 0))", [], cancellationToken);

    /// <inheritdoc />
    protected override object ToDbTimestamp(DateTimeOffset value) => value.ToUniversalTime();

    /// <inheritdoc />
    protected override object ToDbMoney(decimal value) => value;

    /// <inheritdoc />
    protected override decimal ReadMoney(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.GetDecimal(ordinal);
    }

    /// <inheritdoc />
    protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.GetFieldValue<DateTimeOffset>(ordinal);
    }
}
