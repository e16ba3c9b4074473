using System.Data.Common;
using Npgsql;

namespace Alpha.Platform.Ledger;

/// <summary>
/// The shared ledger on PostgreSQL, for several processes or machines serving one deployment. Snapshots of
/// one spec name are serialised by a transaction-scoped advisory lock; batches of one run by its row lock;
/// migrations by an advisory lock. The schema is the connection's search path (default <c>public</c>). Kill requests
/// are signalled with NOTIFY on <see cref="KillChannel"/>: one listening connection per store, opened on first use.
/// </summary>
public sealed class PostgresLedgerStore : SqlLedgerStore
{
    /// <summary>The LISTEN/NOTIFY channel of kill requests (per database; the payload is the run id, or <c>*</c>).</summary>
    public const string KillChannel = "alpha_kill_requests";

    private readonly NpgsqlDataSource _dataSource;
    private readonly Lock _signalGate = new();
    private readonly CancellationTokenSource _stopListening = new();
    private TaskCompletionSource _nextSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _listener;

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
    public override bool SignalsKillRequests => true;

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        Task? listener;
        lock (_signalGate)
        {
            listener = _listener;
            _stopListening.Cancel();
        }

        if (listener is not null)
        {
            await listener.ConfigureAwait(false);
        }

        _stopListening.Dispose();
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task NextKillSignalAsync(CancellationToken cancellationToken)
    {
        Task next;
        lock (_signalGate)
        {
            ObjectDisposedException.ThrowIf(_stopListening.IsCancellationRequested, this);
            _listener ??= Task.Run(ListenAsync, CancellationToken.None);
            next = _nextSignal.Task;
        }

        return next.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override Task SignalKillRequestAsync(DbConnection connection, DbTransaction transaction, string runId, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, "SELECT pg_notify(@channel, @run)", [("channel", KillChannel), ("run", runId)], cancellationToken);

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

    // One connection LISTENs for the store's lifetime; a lost connection is re-opened after a second, and a signal is
    // raised then (a request may have been committed while nobody listened; readers re-read the requests).
    private async Task ListenAsync()
    {
        var stop = _stopListening.Token;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stop).ConfigureAwait(false);
                connection.Notification += (_, _) => Signal();
                await using (var listen = new NpgsqlCommand($"LISTEN {KillChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stop).ConfigureAwait(false);
                }

                Signal();
                while (true)
                {
                    await connection.WaitAsync(stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or DbException or IOException or TimeoutException or InvalidOperationException)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), Time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Signal()
    {
        TaskCompletionSource fired;
        lock (_signalGate)
        {
            fired = _nextSignal;
            _nextSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        fired.TrySetResult();
    }
}
