using Alpha.Platform.Ledger;
using Microsoft.Data.Sqlite;

namespace Alpha.Platform.Tests.Ledger;

/// <summary>The ledger contract on SQLite: a real database file in a temporary folder per test.</summary>
public sealed class SqliteLedgerContractTests : LedgerContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("alpha-ledger-").FullName;

    private string DatabasePath => Path.Combine(_folder, "ledger", "alpha.db");

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override async Task<ILedgerStore> OpenStoreAsync(TimeProvider time) => await SqliteLedgerStore.OpenAsync(DatabasePath, time);

    protected override async Task<int> ExecuteRawAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    protected override async Task<long> CountAsync(string table, string where = "1 = 1")
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE {where}";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    protected override Task DropDatabaseAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Open_CreatesFileInWalMode()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string)(await command.ExecuteScalarAsync())!);
        Assert.Equal("sqlite", Store.Provider);
        Assert.Equal(DatabasePath, Store.Location);
    }
}
