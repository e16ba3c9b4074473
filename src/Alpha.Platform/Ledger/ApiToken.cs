namespace Alpha.Platform.Ledger;

/// <summary>An API token of <c>alpha serve</c> (<c>api_tokens</c>). Only the SHA-256 of the token is stored; the token itself is shown once, when issued.</summary>
/// <param name="TokenId">The row id (<c>tok_...</c>).</param>
/// <param name="Name">A label for people (who or what uses it).</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="RevokedAt">When it was revoked; null while it is valid.</param>
public sealed record ApiToken(string TokenId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
