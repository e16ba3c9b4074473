using Npgsql;

namespace Alpha.Cluster.Benchmarks;

/// <summary>
/// A throwaway schema for one benchmark run on the PostgreSQL server named by ALPHA_BENCH_PG (or ALPHA_TEST_PG): the
/// ledger's tables go in <see cref="Schema"/>, Orleans' in its <c>_orleans</c> twin, and <see cref="DropAsync"/> removes both.
/// </summary>
internal sealed class BenchDatabase
{
    private BenchDatabase(string server, string schema)
    {
        Server = server;
        Schema = schema;
        Connection = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>The server's connection string (no search path).</summary>
    public string Server { get; }

    /// <summary>The schema's name (<c>bench_</c> and 12 hex digits).</summary>
    public string Schema { get; }

    /// <summary>The connection string for the ledger and the cluster: the server with the schema as search path.</summary>
    public string Connection { get; }

    /// <summary>Creates a new schema on the server from the environment.</summary>
    public static async Task<BenchDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("ALPHA_BENCH_PG") is { Length: > 0 } bench ? bench
            : Environment.GetEnvironmentVariable("ALPHA_TEST_PG") is { Length: > 0 } test ? test
            : throw new InvalidOperationException("set ALPHA_BENCH_PG (or ALPHA_TEST_PG) to a PostgreSQL connection string");
        var database = new BenchDatabase(server, "bench_" + Guid.NewGuid().ToString("N")[..12]);
        await database.ExecuteAsync($"CREATE SCHEMA {database.Schema}");
        return database;
    }

    /// <summary>Drops the schema and its Orleans twin (connection pools are cleared first).</summary>
    public Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return ExecuteAsync($"DROP SCHEMA IF EXISTS {Schema} CASCADE; DROP SCHEMA IF EXISTS {Schema}_orleans CASCADE");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
