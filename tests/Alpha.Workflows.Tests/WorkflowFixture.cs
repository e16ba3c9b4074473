using System.Collections.Concurrent;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Runtime.Llm;
using Alpha.Testing.Loopback;
using Alpha.Workflows.Control;

namespace Alpha.Workflows.Tests;

/// <summary>A fresh SQLite ledger and a runtime over it; optionally a loopback model server.</summary>
internal sealed class WorkflowFixture : IAsyncDisposable
{
    private readonly string _directory;

    private WorkflowFixture(string directory, SqliteLedgerStore ledger, LoopbackOpenAIServer? server, KillSwitch killSwitch)
    {
        _directory = directory;
        Ledger = ledger;
        Server = server;
        Runtime = new WorkflowRuntime(new WorkflowRuntimeOptions
        {
            Ledger = ledger,
            KillSwitch = killSwitch,
            ModelClients = server is null ? null : _ => new OpenAICompatibleChatClient(server.CreateOptions()),
            OnFrame = Frames.Enqueue,
        });
    }

    public SqliteLedgerStore Ledger { get; }

    public LoopbackOpenAIServer? Server { get; }

    public WorkflowRuntime Runtime { get; }

    public ConcurrentQueue<RunFrame> Frames { get; } = new();

    public static async Task<WorkflowFixture> CreateAsync(bool withModel = false, KillSwitch? killSwitch = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "alpha-wf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var ledger = await SqliteLedgerStore.OpenAsync(Path.Combine(directory, "ledger.db"));
        var server = withModel ? await LoopbackOpenAIServer.StartAsync() : null;
        return new WorkflowFixture(directory, ledger, server, killSwitch ?? new KillSwitch());
    }

    public static AgentSpec Deterministic(string name) => new(name, null, AgentSpec.DeterministicModel, "llm");

    public static AgentSpec Model(string name, string model = "loopback/test-model", CostCaps? caps = null) =>
        new(name, null, model, "llm", SystemPrompt: $"You are {name}.", CostCaps: caps);

    public static WorkflowSpec Workflow(string name, IReadOnlyList<WorkflowNode> nodes, IReadOnlyList<WorkflowEdge>? edges = null, CostCaps? caps = null) =>
        new(name, null, new Dictionary<string, WorkflowInput>(), nodes, edges ?? [], caps);

    public static WorkflowNode Node(string id, string agent, string adapter = "execution") => new(id, adapter, [new SpecReference(agent)]);

    public static IReadOnlyDictionary<string, AgentSpec> Agents(params AgentSpec[] agents) => agents.ToDictionary(a => a.Name);

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
