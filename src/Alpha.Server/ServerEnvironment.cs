using Alpha.Server.Mcp;

namespace Alpha.Server;

/// <summary>
/// The environment variables <c>alpha serve</c> reads when it builds the server, checked before it starts, so a bad
/// value is one line naming the variable (and exit 2) rather than an exception from deep inside the host's start-up.
/// </summary>
public static class ServerEnvironment
{
    /// <summary>Checks <c>ALPHA_MCP_OAUTH_ISSUER</c> and <c>ALPHA_MCP_RESOURCE</c> (docs/mcp.md).</summary>
    /// <exception cref="ArgumentException">A variable is set to something unusable; the message names it, says what it must be and what it is.</exception>
    public static void Validate(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        McpEndpoint.Issuer(environment);
        McpResource.Configured(environment);
    }
}
