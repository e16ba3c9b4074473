using Npgsql;

namespace Alpha.Testing.Databases;

/// <summary>A schema created for one test (its connection string's search path); dropped, with everything in it (and the Orleans schema beside it), on dispose.</summary>
public sealed class PostgresSchema : IAsyncDisposable
{
    private readonly string _server;

    internal PostgresSchema(string name, string connectionString, string server)
    {
        Name = name;
        ConnectionString = connectionString;
        _server = server;
    }

    /// <summary>The schema's name.</summary>
    public string Name { get; }

    /// <summary>A connection string whose search path is this schema.</summary>
    public string ConnectionString { get; }

    /// <summary>Runs one statement in this schema; returns the affected row count.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs one query in this schema and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await using (var probe = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(probe);
        }

        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        // The ledger's migration 7 puts the Orleans tables beside it in NAME_orleans: dropped with it.
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE; DROP SCHEMA IF EXISTS {Name}_orleans CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
