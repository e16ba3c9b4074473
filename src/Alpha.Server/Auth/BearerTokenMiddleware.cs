using Alpha.Platform.Ledger;
using Alpha.Server.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Alpha.Server.Auth;

/// <summary>
/// Every endpoint needs <c>Authorization: Bearer &lt;token&gt;</c> unless it allows anonymous callers (/healthz, the API
/// page and its document) or has an authorization policy of its own (/mcp): 401 without a known token, 403 for a revoked one. The token is looked up by its SHA-256 on
/// every request (a revocation from another process takes effect at once) and is never logged or echoed.
/// </summary>
internal sealed class BearerTokenMiddleware(RequestDelegate next, IApiTokenStore tokens)
{
    /// <summary>The <see cref="HttpContext.Items"/> key of the caller's <see cref="ApiToken"/>.</summary>
    public const string TokenItem = "alpha.token";

    public async Task InvokeAsync(HttpContext context)
    {
        // Anonymous endpoints, and endpoints with an authorization policy of their own (/mcp accepts OAuth tokens too).
        if (context.GetEndpoint()?.Metadata is { } metadata && (metadata.GetMetadata<IAllowAnonymous>() is not null || metadata.GetMetadata<IAuthorizeData>() is not null))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length == scheme.Length)
        {
            await Unauthorized(context, "this route needs Authorization: Bearer <token>; issue one with ./alpha auth token").ConfigureAwait(false);
            return;
        }

        var token = await tokens.FindApiTokenAsync(ApiTokens.Hash(header[scheme.Length..].Trim()), context.RequestAborted).ConfigureAwait(false);
        if (token is null)
        {
            await Unauthorized(context, "the bearer token is not known to this server's ledger; issue one with ./alpha auth token").ConfigureAwait(false);
            return;
        }

        if (token.RevokedAt is not null)
        {
            await Problems.Write(context, StatusCodes.Status403Forbidden, "Token revoked", $"the bearer token '{token.Name}' was revoked at {token.RevokedAt:O}; issue a new one with ./alpha auth token").ConfigureAwait(false);
            return;
        }

        context.Items[TokenItem] = token;
        await next(context).ConfigureAwait(false);
    }

    /// <summary>Who is calling, for kill frames: <c>token:NAME</c>.</summary>
    public static string Caller(HttpContext context) =>
        context.Items.TryGetValue(TokenItem, out var value) && value is ApiToken token ? $"token:{token.Name}" : "anonymous";

    private static Task Unauthorized(HttpContext context, string detail)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Write(context, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }
}
