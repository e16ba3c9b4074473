using System.Collections.Concurrent;
using Alpha.Hosting.Workflows;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Runtime.Llm;
using Alpha.Testing;
using Alpha.Testing.Loopback;
using Alpha.Workflows;

namespace Alpha.Hosting.Tests.Workflows;

/// <summary>A fresh SQLite ledger and a workflow runtime with the host's node factories; optionally a loopback model server.</summary>
internal sealed class IncidentWorkflowFixture : IAsyncDisposable
{
    private readonly string _directory;

    private IncidentWorkflowFixture(string directory, SqliteLedgerStore ledger, LoopbackOpenAIServer? server)
    {
        _directory = directory;
        Ledger = ledger;
        Server = server;
        Runtime = new WorkflowRuntime(new WorkflowRuntimeOptions
        {
            Ledger = ledger,
            NodeFactories = WorkflowNodeFactories.Default,
            ModelClients = server is null ? null : _ => new OpenAICompatibleChatClient(server.CreateOptions()),
            OnFrame = Frames.Enqueue,
        });
    }

    public SqliteLedgerStore Ledger { get; }

    public LoopbackOpenAIServer? Server { get; }

    public WorkflowRuntime Runtime { get; }

    public ConcurrentQueue<RunFrame> Frames { get; } = new();

    /// <summary>examples/incidents/seed.json.</summary>
    public static string Seed => Path.Combine(Path.GetDirectoryName(SpecExamples.Root)!, "incidents", "seed.json");

    public static IReadOnlyList<string> Specialists { get; } = ["logs", "metrics", "commits", "config"];

    public static async Task<IncidentWorkflowFixture> CreateAsync(bool withModel = false)
    {
        var directory = Path.Combine(Path.GetTempPath(), "alpha-iwf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var ledger = await SqliteLedgerStore.OpenAsync(Path.Combine(directory, "ledger.db"));
        var server = withModel ? await LoopbackOpenAIServer.StartAsync() : null;
        return new IncidentWorkflowFixture(directory, ledger, server);
    }

    /// <summary>The SRE agent spec <paramref name="name"/> (deterministic unless a model is given).</summary>
    public static AgentSpec Agent(string name, string? model = null) =>
        new(name, null, model ?? AgentSpec.DeterministicModel, name switch { "logs" => "log", "commits" => "commit", _ => name });

    public static WorkflowSpec Workflow(string adapter, System.Text.Json.Nodes.JsonObject options, IReadOnlyList<string>? agents = null) =>
        new($"incident_{adapter}", null, new Dictionary<string, WorkflowInput>(), [new WorkflowNode("incident", adapter, [.. (agents ?? Specialists).Select(a => new SpecReference(a))], options)], [], null);

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        await Ledger.DisposeAsync();
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
