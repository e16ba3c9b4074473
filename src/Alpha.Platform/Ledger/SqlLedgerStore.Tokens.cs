using System.Data.Common;

namespace Alpha.Platform.Ledger;

/// <content>API tokens of alpha serve (schema version 6).</content>
public abstract partial class SqlLedgerStore : IApiTokenStore
{
    private const string TokenColumns = "token_id, name, created_at, revoked_at";

    /// <inheritdoc />
    public Task<ApiToken> AddApiTokenAsync(string name, string tokenHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (tokenHash is null || tokenHash.Length != 64)
        {
            throw new ArgumentException("A token hash is 64 hex digits (SHA-256).", nameof(tokenHash));
        }

        return WriteAsync(
            async (connection, transaction) =>
            {
                var token = new ApiToken(LedgerIds.New("tok", Time), name, Time.GetUtcNow(), null);
                await ExecuteAsync(
                    connection,
                    transaction,
                    "INSERT INTO api_tokens (token_id, name, token_hash, created_at) VALUES (@id, @name, @hash, @created_at)",
                    [("id", token.TokenId), ("name", name), ("hash", tokenHash), ("created_at", ToDbTimestamp(token.CreatedAt))],
                    cancellationToken).ConfigureAwait(false);
                return token;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ApiToken?> FindApiTokenAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var tokens = await ReadTokensAsync(connection, null, $"SELECT {TokenColumns} FROM api_tokens WHERE token_hash = @hash", [("hash", tokenHash)], cancellationToken).ConfigureAwait(false);
        return tokens.Count == 0 ? null : tokens[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiToken>> RevokeApiTokensAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrId);
        return WriteAsync(
            (connection, transaction) => ReadTokensAsync(
                connection,
                transaction,
                $"UPDATE api_tokens SET revoked_at = @now WHERE (token_id = @key OR name = @key) AND revoked_at IS NULL RETURNING {TokenColumns}",
                [("now", ToDbTimestamp(Time.GetUtcNow())), ("key", nameOrId)],
                cancellationToken),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiToken>> ListApiTokensAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadTokensAsync(connection, null, $"SELECT {TokenColumns} FROM api_tokens ORDER BY created_at, token_id", [], cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ApiToken>> ReadTokensAsync(DbConnection connection, DbTransaction? transaction, string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        var list = new List<ApiToken>();
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new ApiToken(reader.GetString(0), reader.GetString(1), ReadTimestamp(reader, 2), NullableTimestamp(reader, 3)));
        }

        return list;
    }
}
