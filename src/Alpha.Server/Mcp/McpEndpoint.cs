using System.Security.Claims;
using Alpha.Mcp;
using Alpha.Mcp.Hosting;
using Alpha.Platform.Ledger;
using Alpha.Server.Auth;
using Alpha.Server.Runs;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore.Authentication;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Protocol;

namespace Alpha.Server.Mcp;

/// <summary>
/// <c>/mcp</c> on <c>alpha serve</c>: Alpha's MCP tools over the streamable HTTP transport, an OAuth 2.1 protected
/// resource. Callers present an Alpha token (<c>alpha auth token</c>) or, when <c>ALPHA_MCP_OAUTH_ISSUER</c> names an
/// authorization server, an access token it issued for this resource (RFC 8707: its audience is <see cref="McpResource"/>;
/// any other audience is refused). Without a valid token the answer is 401 with a <c>WWW-Authenticate</c> challenge
/// naming the RFC 9728 metadata document, which the SDK's authentication handler serves. See docs/mcp.md.
/// </summary>
internal static class McpEndpoint
{
    /// <summary>Where the endpoint is.</summary>
    public const string Path = "/mcp";

    /// <summary>The variable naming the authorization server (its issuer URI) whose access tokens the endpoint accepts.</summary>
    public const string IssuerVariable = "ALPHA_MCP_OAUTH_ISSUER";

    /// <summary>The scope an OAuth access token needs (advertised in the metadata); a token without it is refused with 403 insufficient_scope.</summary>
    public const string Scope = "alpha:mcp";

    private const string Policy = "alpha-mcp";
    private const string CallerScheme = "AlphaMcpCaller";

    public static void AddServices(IServiceCollection services, ServerOptions options)
    {
        var issuer = Issuer(options.Environment);
        services.AddHttpContextAccessor();
        // Each 401 is an expected step of the OAuth dance, not news: the SDK's handler logs it at Information.
        services.Configure<LoggerFilterOptions>(o => o.AddFilter("ModelContextProtocol.AspNetCore.Authentication", LogLevel.Warning));
        services.AddSingleton<McpResource>();
        services.AddSingleton<IMcpRunHost>(sp => new ServerRunHost(
            options,
            sp.GetRequiredService<RunDispatcher>(),
            sp.GetRequiredService<IRunKiller>(),
            allowsLocalPaths: false,
            sp.GetRequiredService<IHttpContextAccessor>()));
        services.AddMcpServer(o => o.ServerInfo = new Implementation { Name = AlphaMcpTools.ServerName, Version = typeof(McpEndpoint).Assembly.GetName().Version?.ToString(3) ?? "0.0.0" })
            .WithHttpTransport()
            .WithAlphaTools();

        // One policy scheme picks the handler by the token's shape (alpha_... is Alpha's own; anything else an OAuth
        // access token) and sends every challenge to the SDK's handler: 401 with WWW-Authenticate naming the metadata.
        var authentication = services.AddAuthentication(o => o.DefaultChallengeScheme = McpAuthenticationDefaults.AuthenticationScheme)
            .AddPolicyScheme(CallerScheme, "Alpha or OAuth bearer token", o =>
            {
                o.ForwardDefaultSelector = context => issuer is not null && !IsAlphaToken(context) ? JwtBearerDefaults.AuthenticationScheme : AlphaTokenAuthenticationHandler.SchemeName;
                o.ForwardChallenge = McpAuthenticationDefaults.AuthenticationScheme;
                // A valid OAuth token without the scope is forbidden by the JWT handler, which says why (insufficient_scope).
                o.ForwardForbid = issuer is not null ? JwtBearerDefaults.AuthenticationScheme : McpAuthenticationDefaults.AuthenticationScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, AlphaTokenAuthenticationHandler>(AlphaTokenAuthenticationHandler.SchemeName, null)
            .AddMcp(o => o.ResourceMetadata = new ProtectedResourceMetadata
            {
                ResourceName = "Alpha",
                AuthorizationServers = issuer is null ? [] : [issuer.OriginalString],
                ScopesSupported = [Scope],
                BearerMethodsSupported = ["header"],
            });
        if (issuer is not null)
        {
            authentication.AddJwtBearer(o =>
            {
                o.Authority = issuer.OriginalString;
                o.RequireHttpsMetadata = !issuer.IsLoopback;
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents
                {
                    // An OAuth caller is rate-limited and named in kill frames like a token: per issuer and subject.
                    OnTokenValidated = context =>
                    {
                        var subject = context.Principal?.FindFirst("sub")?.Value ?? context.Principal?.FindFirst("client_id")?.Value ?? "unknown";
                        context.HttpContext.Items[BearerTokenMiddleware.TokenItem] = new ApiToken($"oauth:{issuer.OriginalString}:{subject}", $"oauth:{subject}", DateTimeOffset.MinValue, null);
                        return Task.CompletedTask;
                    },
                    OnForbidden = context =>
                    {
                        // RFC 6750 section 3.1: the token is valid but lacks the scope; RFC 9728 section 5.1: name the metadata.
                        var request = context.Request;
                        var metadata = $"{request.Scheme}://{request.Host}{request.PathBase}/.well-known/oauth-protected-resource{Path}";
                        context.Response.Headers.WWWAuthenticate =
                            $"Bearer error=\"insufficient_scope\", scope=\"{Scope}\", resource_metadata=\"{metadata}\", error_description=\"the access token lacks the {Scope} scope\"";
                        return Task.CompletedTask;
                    },
                };
            });
        }

        // The resource URI is known once the server listens (a port of 0 is chosen then): resolve it per request.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<McpResource>((o, resource) =>
        {
            o.TokenValidationParameters.ValidIssuer = issuer?.OriginalString; // exactly as the authorization server writes iss
            o.TokenValidationParameters.ValidateAudience = true;
            o.TokenValidationParameters.AudienceValidator = (audiences, _, _) => audiences.Any(a => SameResource(a, resource.Uri));
        });
        services.AddOptions<McpAuthenticationOptions>(McpAuthenticationDefaults.AuthenticationScheme).Configure<McpResource>((o, resource) =>
            o.Events.OnResourceMetadataRequest = context =>
            {
                context.ResourceMetadata = context.ResourceMetadata?.Clone(resource.Uri.ToString()) ?? new ProtectedResourceMetadata { Resource = resource.Uri.ToString() };
                return Task.CompletedTask;
            });
        services.AddAuthorization(o => o.AddPolicy(Policy, p => p.AddAuthenticationSchemes(CallerScheme).RequireAuthenticatedUser().RequireAssertion(c => MayUseMcp(c.User))));
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapMcp(Path).RequireAuthorization(Policy).WithTags("mcp").ExcludeFromDescription();

    /// <summary>
    /// An Alpha token may (it is Alpha's own credential, as on every REST route); an OAuth access token must carry the
    /// <see cref="Scope"/> scope, in <c>scope</c> (RFC 9068, space-separated) or <c>scp</c> (a string or an array of claims).
    /// </summary>
    private static bool MayUseMcp(ClaimsPrincipal user) =>
        user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == AlphaTokenAuthenticationHandler.SchemeName)
        || user.Claims.Where(c => c.Type is "scope" or "scp").SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Contains(Scope, StringComparer.Ordinal);

    private static bool IsAlphaToken(HttpContext context) =>
        context.Request.Headers.Authorization.ToString() is var header
        && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && header["Bearer ".Length..].TrimStart().StartsWith(ApiTokens.Prefix, StringComparison.Ordinal);

    /// <summary>RFC 8707 compares resource URIs exactly; a trailing slash is the one difference tolerated.</summary>
    private static bool SameResource(string audience, Uri resource) =>
        string.Equals(audience.TrimEnd('/'), resource.ToString().TrimEnd('/'), StringComparison.Ordinal);

    /// <summary>The issuer <see cref="IssuerVariable"/> names; null when it is not set.</summary>
    /// <exception cref="ArgumentException">It is set but is not an absolute http(s) URI.</exception>
    internal static Uri? Issuer(Func<string, string?> environment)
    {
        if (environment(IssuerVariable) is not { Length: > 0 } text)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ArgumentException($"{IssuerVariable} must be the absolute http(s) issuer URI of an OAuth authorization server, e.g. https://login.example.com/realms/ops; it is '{text}'");
    }
}
