using System.Collections.Concurrent;
using ModelContextProtocol.Client;

namespace Alpha.Mcp.Tests;

/// <summary><c>alpha mcp</c> as an MCP client starts it: the built CLI in a child process over a fresh ledger, driven by the SDK's stdio client.</summary>
internal sealed class StdioServer : IAsyncDisposable
{
    private readonly string _directory;

    private StdioServer(string directory, McpClient client, ConcurrentQueue<string> errors)
    {
        _directory = directory;
        Client = client;
        Errors = errors;
    }

    public McpClient Client { get; }

    /// <summary>What the child wrote to stderr (its logs); stdout is the protocol, read by the client.</summary>
    public ConcurrentQueue<string> Errors { get; }

    public string Ledger => Path.Combine(_directory, "ledger.db");

    public static async Task<StdioServer> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "alpha-mcp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var errors = new ConcurrentQueue<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "alpha",
            Command = "dotnet",
            Arguments = [Path.Combine(AppContext.BaseDirectory, "alpha.dll"), "mcp", "--db", Path.Combine(directory, "ledger.db")],
            WorkingDirectory = directory,
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["ALPHA_DB"] = null,
                ["ALPHA_MODEL"] = null,
                ["ALPHA_LLM_BASE_URL"] = null,
                ["OPENROUTER_API_KEY"] = null,
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
            },
            StandardErrorLines = errors.Enqueue,
        });
        var client = await McpClient.CreateAsync(transport);
        return new StdioServer(directory, client, errors);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
