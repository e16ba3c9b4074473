using System.Security.Cryptography;
using System.Text;
using Alpha.Platform.Ledger;

namespace Alpha.Server.Auth;

/// <summary>
/// Bearer tokens of <c>alpha serve</c>: 256 random bits, written <c>alpha_</c> + base64url. The ledger keeps only the
/// SHA-256 of the token text (lowercase hex); the text is shown once, when issued (<c>alpha auth token</c>).
/// </summary>
public static class ApiTokens
{
    /// <summary>The prefix of every token, so that a leaked one is recognisable (and found by secret scanners).</summary>
    public const string Prefix = "alpha_";

    /// <summary>The ledger's key of a token: SHA-256 of its UTF-8 text, lowercase hex.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>A new random token (not stored).</summary>
    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Issues a token named <paramref name="name"/>: stores its hash and returns the text (shown once) with its row.</summary>
    public static async Task<(string Token, ApiToken Row)> IssueAsync(IApiTokenStore store, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var token = Generate();
        var row = await store.AddApiTokenAsync(name, Hash(token), cancellationToken).ConfigureAwait(false);
        return (token, row);
    }

    /// <summary>The ledger's token store.</summary>
    /// <exception cref="InvalidOperationException">The ledger keeps no tokens.</exception>
    public static IApiTokenStore StoreOf(ILedgerStore ledger) => ledger as IApiTokenStore
        ?? throw new InvalidOperationException($"The ledger at {ledger?.Location} does not keep API tokens.");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
