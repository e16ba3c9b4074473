using Alpha.Platform.Ledger;
using Alpha.Testing.Databases;

namespace Alpha.Platform.Tests.Ledger;

/// <summary>
/// The ledger contract on PostgreSQL: a schema of its own per test on the server of ALPHA_TEST_PG (started by
/// ./scripts/test.sh). Without ALPHA_TEST_PG these tests fail and say how to run them; they never skip.
/// </summary>
public sealed class PostgresLedgerContractTests : LedgerContractTests
{
    private PostgresSchema? _schema;

    private PostgresSchema Schema => _schema ?? throw new InvalidOperationException("The schema was not created.");

    protected override async Task CreateDatabaseAsync() => _schema = await TestPostgres.CreateSchemaAsync();

    protected override async Task<ILedgerStore> OpenStoreAsync(TimeProvider time) => await PostgresLedgerStore.OpenAsync(Schema.ConnectionString, time);

    protected override Task<int> ExecuteRawAsync(string sql) => Schema.ExecuteAsync(sql);

    protected override async Task<long> CountAsync(string table, string where = "1 = 1") =>
        (long)(await Schema.ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE {where}"))!;

    protected override async Task DropDatabaseAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    [Fact]
    public async Task Truncate_SpecVersions_RefusedByTheDatabase()
    {
        await Store.SnapshotAsync(TestSpecs.Agent());

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("TRUNCATE agent_spec_versions CASCADE"));

        Assert.Contains("immutable", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync("agent_spec_versions"));
        Assert.Equal("postgresql", Store.Provider);
        Assert.Contains(Schema.Name, Store.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_Seven_CreatesTheOrleansTablesInTheirOwnSchema()
    {
        var orleans = Schema.Name + "_orleans";

        var queries = await Schema.ScalarAsync($"SELECT COUNT(*) FROM {orleans}.orleansquery WHERE querykey IN ('CleanupDefunctSiloEntriesKey', 'WriteToStorageKey', 'UpsertReminderRowKey')");
        var tables = await Schema.ScalarAsync($"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{orleans}' AND table_name IN ('orleansmembershiptable', 'orleansstorage', 'orleansreminderstable')");
        var inLedger = await Schema.ScalarAsync($"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{Schema.Name}' AND table_name LIKE 'orleans%'");

        Assert.Equal(3L, queries);
        Assert.Equal(3L, tables);
        Assert.Equal(0L, inLedger);
    }
}
