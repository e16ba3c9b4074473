namespace Alpha.Platform.Ledger;

/// <summary>
/// The API tokens of <c>alpha serve</c>, kept in the ledger (schema version 6). Tokens are stored as the lowercase hex
/// SHA-256 of the token's text, never the text itself. Implemented by both ledger stores.
/// </summary>
public interface IApiTokenStore
{
    /// <summary>Stores a new token under <paramref name="name"/> by its hash; returns the row.</summary>
    Task<ApiToken> AddApiTokenAsync(string name, string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>The token whose hash is <paramref name="tokenHash"/> (revoked or not); null when there is none.</summary>
    Task<ApiToken?> FindApiTokenAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Revokes the token with id <paramref name="nameOrId"/>, or every valid token named so; returns the tokens revoked now.</summary>
    Task<IReadOnlyList<ApiToken>> RevokeApiTokensAsync(string nameOrId, CancellationToken cancellationToken = default);

    /// <summary>Every token (without hashes), oldest first.</summary>
    Task<IReadOnlyList<ApiToken>> ListApiTokensAsync(CancellationToken cancellationToken = default);
}
