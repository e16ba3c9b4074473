using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Alpha.Platform.Ledger;

/// <summary>
/// The embedded ledger: one SQLite file in WAL mode (readers never wait for the writer), foreign keys on,
/// synchronous=NORMAL (a committed transaction survives a process crash; the last ones may be lost on power
/// loss). Writers of one file are serialised in-process by a gate and across processes by SQLite's write lock.
/// </summary>
public sealed class SqliteLedgerStore : SqlLedgerStore
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    private const decimal MoneyUnitsPerDollar = 10_000_000_000m;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate;
    private SqliteConnection? _writer;

    private SqliteLedgerStore(string path, TimeProvider? timeProvider)
        : base(timeProvider)
    {
        FilePath = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _gate = WriteGates.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
    }

    /// <inheritdoc />
    public override string Provider => "sqlite";

    /// <inheritdoc />
    public override string Location => FilePath;

    /// <summary>The database file's full path.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    protected override IReadOnlyList<LedgerMigration> Migrations => SqliteMigrations.All;

    /// <summary>Opens (creating the file and its folder when missing) and migrates the ledger at <paramref name="path"/>.</summary>
    public static async Task<SqliteLedgerStore> OpenAsync(string path, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var store = new SqliteLedgerStore(full, timeProvider);
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
    public override async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_writer is not null)
            {
                SqliteConnection.ClearPool(_writer);
                await _writer.DisposeAsync().ConfigureAwait(false);
                _writer = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    protected override ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    /// <inheritdoc />
    protected override async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var writer = _writer ??= await OpenWriterAsync(cancellationToken).ConfigureAwait(false);

            // BEGIN IMMEDIATE: take the write lock now, so the reads inside the transaction see the latest rows
            // and no other process can write between them and our insert.
            await using var transaction = writer.BeginTransaction(deferred: false);
            var result = await work(writer, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    protected override object ToDbTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    /// <remarks>SQLite has no decimal type: money is an exact integer count of 10^-10 US dollars (see docs/ledger.md).</remarks>
    protected override object ToDbMoney(decimal value) => (long)(value * MoneyUnitsPerDollar);

    /// <inheritdoc />
    protected override decimal ReadMoney(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.GetInt64(ordinal) / MoneyUnitsPerDollar;
    }

    /// <inheritdoc />
    protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();

            // busy_timeout first (another process may hold the write lock, even while we switch to WAL);
            // journal_mode is stored in the file; synchronous and busy_timeout are per connection. With WAL,
            // NORMAL only syncs at checkpoints: commits survive a process crash.
            command.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
