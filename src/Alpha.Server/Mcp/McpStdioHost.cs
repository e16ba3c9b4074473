using Alpha.Mcp;
using Alpha.Mcp.Hosting;
using Alpha.Server.Frames;
using Alpha.Server.Models;
using Alpha.Server.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Alpha.Server.Mcp;

/// <summary>
/// <c>alpha mcp</c>: Alpha's MCP tools over stdio for a client that starts Alpha as a child process (Claude Desktop,
/// VS Code, Cursor). stdout carries only the protocol; logs go to stderr. Runs are dispatched, recorded and killed as
/// <c>alpha serve</c> does (the same dispatcher), and a tool may read an incident file by path (the caller is the local user).
/// </summary>
public static class McpStdioHost
{
    /// <summary>
    /// Serves until stdin closes or <paramref name="cancellationToken"/> is cancelled (SIGINT/SIGTERM); runs still in
    /// flight then end cancelled, recorded. <paramref name="logging"/> may adjust logging (default: warnings to stderr).
    /// </summary>
    public static async Task RunAsync(ServerOptions options, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "alpha-mcp" });
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        logging?.Invoke(builder.Logging);

        var services = builder.Services;
        services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout + TimeSpan.FromSeconds(5));
        services.AddSingleton(options);
        services.AddSingleton(options.Ledger);
        services.AddSingleton<FrameHub>();
        services.AddSingleton<FrameStreamer>();
        services.AddSingleton<LlmProfiles>();
        services.AddSingleton<RunDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<RunDispatcher>());
        services.AddSingleton<IRunKiller, LocalRunKiller>();
        services.AddSingleton<IMcpRunHost>(sp => new ServerRunHost(
            options,
            sp.GetRequiredService<RunDispatcher>(),
            sp.GetRequiredService<IRunKiller>(),
            allowsLocalPaths: true));
        services.AddMcpServer(o => o.ServerInfo = new Implementation { Name = AlphaMcpTools.ServerName, Version = typeof(McpStdioHost).Assembly.GetName().Version?.ToString(3) ?? "0.0.0" })
            .WithStdioServerTransport()
            .WithAlphaTools();

        using var host = builder.Build();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
