using Alpha.Hosting.Workflows;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;

namespace Alpha.Hosting.Tests.Workflows;

public sealed class WorkflowLoaderTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "alpha-loader-" + Guid.NewGuid().ToString("N"));
    private SqliteLedgerStore _ledger = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _ledger = await SqliteLedgerStore.OpenAsync(Path.Combine(_directory, "ledger.db"));
    }

    public async Task DisposeAsync()
    {
        await _ledger.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task LoadFromLedgerAsync_NestedTwoDeep_EveryWorkflowAndAgentAtLatestOrPin()
    {
        await SnapshotAsync("kind: agent\nname: a\nmodel: deterministic\nagent_kind: llm\nsystem_prompt: first\n");
        await SnapshotAsync("kind: agent\nname: a\nmodel: deterministic\nagent_kind: llm\nsystem_prompt: second\n");
        await SnapshotAsync("kind: agent\nname: b\nmodel: deterministic\nagent_kind: llm\nsystem_prompt: only\n");
        await SnapshotAsync("kind: workflow\nname: leaf\nnodes:\n  - id: l\n    adapter: execution\n    agent: a@1\n");
        await SnapshotAsync("kind: workflow\nname: middle\nnodes:\n  - id: m\n    adapter: execution\n    workflow: leaf\n");
        await SnapshotAsync("kind: workflow\nname: top\nnodes:\n  - id: t\n    adapter: execution\n    workflow: middle\n  - id: u\n    adapter: execution\n    agent: b\n");

        var loaded = await WorkflowLoader.LoadFromLedgerAsync(_ledger, "top", CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal("top", loaded.Workflow.Name);
        Assert.Equal(["leaf", "middle"], loaded.Workflows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["a", "b"], loaded.Agents.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("first", loaded.Agents["a"].SystemPrompt);
    }

    [Fact]
    public async Task LoadFromLedgerAsync_UnknownName_Null()
    {
        Assert.Null(await WorkflowLoader.LoadFromLedgerAsync(_ledger, "nobody", CancellationToken.None));
    }

    [Fact]
    public async Task LoadAsync_NeitherFileNorName_ErrorSaysWhatToGive()
    {
        var error = await Assert.ThrowsAsync<SpecValidationException>(() => WorkflowLoader.LoadAsync(_ledger, "nobody", CancellationToken.None));

        Assert.Contains("neither a spec file nor a workflow in the ledger", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_File_SiblingAgentsAndWorkflows()
    {
        var folder = Path.Combine(_directory, "specs");
        Directory.CreateDirectory(Path.Combine(folder, "agents"));
        await File.WriteAllTextAsync(Path.Combine(folder, "agents", "a.yaml"), "kind: agent\nname: a\nmodel: deterministic\nagent_kind: llm\nsystem_prompt: p\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "child.yaml"), "kind: workflow\nname: child\nnodes:\n  - id: c\n    adapter: execution\n    agent: a\n");
        var main = Path.Combine(folder, "main.yaml");
        await File.WriteAllTextAsync(main, "kind: workflow\nname: main\nnodes:\n  - id: n\n    adapter: execution\n    workflow: child\n");

        var loaded = await WorkflowLoader.LoadAsync(_ledger, main, CancellationToken.None);

        Assert.Equal("main", loaded.Workflow.Name);
        Assert.Equal("child", Assert.Single(loaded.Workflows).Key);
        Assert.Equal("a", Assert.Single(loaded.Agents).Key);
    }

    private async Task SnapshotAsync(string yaml) => await _ledger.SnapshotAsync(SpecLoader.Parse(yaml, "test.yaml", SpecFormat.Yaml));
}
