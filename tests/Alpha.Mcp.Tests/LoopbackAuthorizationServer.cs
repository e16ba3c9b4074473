using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Alpha.Mcp.Tests;

/// <summary>
/// A stand-in OAuth 2.1 authorization server on 127.0.0.1 (a free port): RFC 8414 metadata (and the OpenID discovery
/// document the resource server reads its keys from), the authorization code grant with PKCE S256, RFC 8707 resource
/// indicators (the access token's audience is the requested resource), RS256 JWTs and their JWKS. Only what the tests need.
/// </summary>
internal sealed class LoopbackAuthorizationServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, (string Challenge, string? Resource, string RedirectUri)> _codes = new(StringComparer.Ordinal);

    private LoopbackAuthorizationServer(WebApplication app) => _app = app;

    /// <summary>The issuer (no trailing slash), as every token's <c>iss</c> and the metadata name it.</summary>
    public string Issuer { get; private set; } = string.Empty;

    /// <summary>The <c>resource</c> parameter of every authorization and token request, in order.</summary>
    public ConcurrentQueue<string> RequestedResources { get; } = new();

    /// <summary>How many access tokens /token issued.</summary>
    public int TokensIssued => _tokensIssued;

    private int _tokensIssued;

    public static async Task<LoopbackAuthorizationServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LoopbackAuthorizationServer(app);
        app.MapGet("/.well-known/oauth-authorization-server", () => HttpResults.Json(server.Metadata()));
        app.MapGet("/.well-known/openid-configuration", () => HttpResults.Json(server.Metadata()));
        app.MapGet("/jwks", () => HttpResults.Json(server.Jwks()));
        app.MapGet("/authorize", server.Authorize);
        app.MapPost("/token", server.TokenAsync);
        await app.StartAsync();
        server.Issuer = app.Urls.First().TrimEnd('/');
        return server;
    }

    /// <summary>A signed access token for <paramref name="audience"/> (as if issued for that resource) with <paramref name="scope"/>, valid for an hour.</summary>
    public string Mint(string audience, string? issuer = null, string scope = "alpha:mcp") => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = issuer ?? Issuer,
        Audience = audience,
        Expires = DateTime.UtcNow.AddHours(1),
        IssuedAt = DateTime.UtcNow,
        NotBefore = DateTime.UtcNow.AddMinutes(-1),
        Claims = new Dictionary<string, object> { ["sub"] = "tester", ["scope"] = scope, ["client_id"] = "alpha-tests" },
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = "k1" }, SecurityAlgorithms.RsaSha256),
    });

    private JsonObject Metadata() => new()
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = $"{Issuer}/authorize",
        ["token_endpoint"] = $"{Issuer}/token",
        ["jwks_uri"] = $"{Issuer}/jwks",
        ["response_types_supported"] = new JsonArray("code"),
        ["grant_types_supported"] = new JsonArray("authorization_code"),
        ["code_challenge_methods_supported"] = new JsonArray("S256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("none"),
        ["scopes_supported"] = new JsonArray("alpha:mcp"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["authorization_response_iss_parameter_supported"] = true,
    };

    private JsonObject Jwks()
    {
        var key = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = "k1" });
        return new JsonObject { ["keys"] = new JsonArray(new JsonObject { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = key.Kid, ["n"] = key.N, ["e"] = key.E }) };
    }

    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        if (q["response_type"] != "code" || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]) || string.IsNullOrEmpty(q["redirect_uri"]))
        {
            return HttpResults.BadRequest(new { error = "invalid_request" });
        }

        var resource = q["resource"].ToString();
        RequestedResources.Enqueue(resource);
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _codes[code] = (q["code_challenge"]!, resource.Length == 0 ? null : resource, q["redirect_uri"]!);
        var redirect = $"{q["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(q["state"].ToString())}&iss={Uri.EscapeDataString(Issuer)}";
        return HttpResults.Redirect(redirect);
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant))
        {
            return HttpResults.BadRequest(new { error = "invalid_grant" });
        }

        var verifier = form["code_verifier"].ToString();
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (challenge != grant.Challenge || form["redirect_uri"] != grant.RedirectUri)
        {
            return HttpResults.BadRequest(new { error = "invalid_grant", error_description = "PKCE or redirect_uri mismatch" });
        }

        // RFC 8707: the token is for the resource named in the token request (else the one named when authorising).
        var resource = form["resource"].ToString() is { Length: > 0 } r ? r : grant.Resource;
        if (resource is null)
        {
            return HttpResults.BadRequest(new { error = "invalid_target", error_description = "no resource indicator" });
        }

        RequestedResources.Enqueue(resource);
        Interlocked.Increment(ref _tokensIssued);
        return HttpResults.Json(new JsonObject { ["access_token"] = Mint(resource), ["token_type"] = "Bearer", ["expires_in"] = 3600, ["scope"] = "alpha:mcp" });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
