using Npgsql;

namespace Alpha.Testing.Databases;

/// <summary>
/// The PostgreSQL server of the test run, from <c>ALPHA_TEST_PG</c> (set by ./scripts/test.sh, which starts a
/// throwaway cluster). PostgreSQL tests never skip: without the variable they fail, saying how to run them.
/// </summary>
public static class TestPostgres
{
    /// <summary>The environment variable holding an Npgsql connection string of a database the tests may create schemas in.</summary>
    public const string Variable = "ALPHA_TEST_PG";

    /// <summary>The server's connection string.</summary>
    /// <exception cref="InvalidOperationException">ALPHA_TEST_PG is not set.</exception>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"This test needs PostgreSQL and {Variable} is not set. Run the suite with ./scripts/test.sh, which installs PostgreSQL 15 "
                + $"when missing, starts a throwaway cluster and sets {Variable}; or set {Variable} to an Npgsql connection string "
                + "(e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres) of a database where you may create schemas.");

    /// <summary>Creates an empty schema of its own for one test; dispose it to drop it.</summary>
    public static async Task<PostgresSchema> CreateSchemaAsync(CancellationToken cancellationToken = default)
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        var server = ConnectionString;
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { SearchPath = name, MaxPoolSize = 20 };
        return new PostgresSchema(name, builder.ConnectionString, server);
    }
}
