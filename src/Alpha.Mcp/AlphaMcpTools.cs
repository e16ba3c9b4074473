using Alpha.Mcp.Docs;
using Alpha.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alpha.Mcp;

/// <summary>Adds Alpha's tools to an MCP server (stdio or HTTP); the host registers an <see cref="Hosting.IMcpRunHost"/>.</summary>
public static class AlphaMcpTools
{
    /// <summary>The name the server gives itself in <c>initialize</c>.</summary>
    public const string ServerName = "alpha";

    /// <summary>Every tool's name, in the order a client lists them.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["analyze_incident", "snapshot_spec", "run_workflow", "describe_run", "list_runs", "kill_run", "search", "fetch_page", "list_pages"];

    /// <summary>Registers the incident, spec, run and docs tools (snake_case JSON) and the docs this build ships with.</summary>
    public static IMcpServerBuilder WithAlphaTools(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(DocsLibrary.Embedded);
        return builder
            .WithTools<IncidentTools>(McpJson.Options)
            .WithTools<SpecTools>(McpJson.Options)
            .WithTools<RunTools>(McpJson.Options)
            .WithTools<DocsTools>(McpJson.Options);
    }
}
