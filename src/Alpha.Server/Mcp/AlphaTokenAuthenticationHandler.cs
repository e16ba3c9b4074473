using System.Security.Claims;
using System.Text.Encodings.Web;
using Alpha.Platform.Ledger;
using Alpha.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alpha.Server.Mcp;

/// <summary>
/// Alpha's own bearer tokens (<c>alpha auth token</c>) as an ASP.NET Core authentication scheme, so that the MCP endpoint
/// accepts them beside OAuth access tokens: looked up by SHA-256 on every request as <see cref="BearerTokenMiddleware"/>
/// does, the row kept in the request's items for the rate limiter and kill frames. A token without the <c>alpha_</c>
/// prefix is left to the other schemes.
/// </summary>
internal sealed class AlphaTokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IApiTokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "AlphaToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) || !header[bearer.Length..].TrimStart().StartsWith(ApiTokens.Prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        var token = await tokens.FindApiTokenAsync(ApiTokens.Hash(header[bearer.Length..].Trim()), Context.RequestAborted).ConfigureAwait(false);
        if (token is null)
        {
            return AuthenticateResult.Fail("the bearer token is not known to this server's ledger");
        }

        if (token.RevokedAt is not null)
        {
            return AuthenticateResult.Fail($"the bearer token '{token.Name}' was revoked");
        }

        Context.Items[BearerTokenMiddleware.TokenItem] = token;
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, $"token:{token.Name}"), new Claim("alpha_token_id", token.TokenId)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
