using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Alpha.Server.Mcp;

/// <summary>
/// The URI of the MCP endpoint as an OAuth protected resource (RFC 9728 <c>resource</c>, RFC 8707 audience):
/// <c>ALPHA_MCP_RESOURCE</c> when set (the address clients use, e.g. behind a proxy), else the first address the
/// server listens on + <c>/mcp</c>. Access tokens must name exactly this audience.
/// </summary>
internal sealed class McpResource(ServerOptions options, IServer server)
{
    /// <summary>The variable that sets the resource URI.</summary>
    public const string Variable = "ALPHA_MCP_RESOURCE";

    private Uri? _uri;

    /// <summary>The resource URI (resolved once the server listens).</summary>
    public Uri Uri => _uri ??= Resolve();

    /// <summary>The resource URI <see cref="Variable"/> sets; null when it is not set.</summary>
    /// <exception cref="ArgumentException">It is set but is not an absolute http(s) URI.</exception>
    internal static Uri? Configured(Func<string, string?> environment)
    {
        if (environment(Variable) is not { Length: > 0 } configured)
        {
            return null;
        }

        return Uri.TryCreate(configured, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ArgumentException($"{Variable} must be an absolute http(s) URI, e.g. https://alpha.example.com/mcp; it is '{configured}'");
    }

    private Uri Resolve()
    {
        if (Configured(options.Environment) is { } configured)
        {
            return configured;
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? options.Urls[0];
        return new Uri(address.TrimEnd('/') + McpEndpoint.Path);
    }
}
