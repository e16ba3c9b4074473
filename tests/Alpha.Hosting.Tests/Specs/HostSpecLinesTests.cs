using Alpha.Hosting.Analysis;
using Alpha.Hosting.Workflows;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;

namespace Alpha.Hosting.Tests.Specs;

/// <summary>Errors the host finds on a bound spec read from a file name the file and the line of the field.</summary>
public sealed class HostSpecLinesTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "alpha-spec-lines-" + Guid.NewGuid().ToString("N"));
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
    public async Task ComposeAsync_YamlSynthesisNotTheSynthesisAgent_FileAndLine()
    {
        var path = Write("analysis.yaml", "kind: analysis\nname: mine\nagents: [logs, metrics]\n# the last word\nsynthesis: logs\n");

        var ex = await Assert.ThrowsAsync<SpecValidationException>(() => AnalysisComposer.ComposeAsync(path, new AnalysisCompositionOptions { Environment = _ => null }));

        var error = Assert.Single(ex.Errors);
        Assert.Equal((path, 5, "synthesis"), (error.Source, error.Line, error.Field));
    }

    [Fact]
    public async Task ComposeAsync_JsonPinnedAgentVersion_FileAndLine()
    {
        var path = Write("analysis.json", "{\n  \"kind\": \"analysis\",\n  \"name\": \"mine\",\n  \"agents\": [\n    \"logs\",\n    \"metrics@2\"\n  ]\n}\n");

        var ex = await Assert.ThrowsAsync<SpecValidationException>(() => AnalysisComposer.ComposeAsync(path, new AnalysisCompositionOptions { Environment = _ => null }));

        var error = Assert.Single(ex.Errors);
        Assert.Equal((path, 6, "agents[1]"), (error.Source, error.Line, error.Field));
    }

    [Fact]
    public async Task WorkflowLoader_FileOfAnotherKind_LineOfKind()
    {
        var path = Write("not-a-workflow.yaml", "name: a\nkind: agent\nmodel: deterministic\nagent_kind: llm\n");

        var ex = await Assert.ThrowsAsync<SpecValidationException>(() => WorkflowLoader.LoadAsync(_ledger, path, CancellationToken.None));

        Assert.Equal($"{path}:2: kind: is not a workflow spec (kind: workflow)", ex.Message);
    }

    [Fact]
    public async Task WorkflowLoader_File_LoadedWorkflowKeepsItsPath()
    {
        var path = Write("w.yaml", "kind: workflow\nname: w\nnodes:\n  - {id: a, adapter: execution, agent: x}\n");

        var loaded = await WorkflowLoader.LoadAsync(_ledger, path, CancellationToken.None);

        Assert.Equal(path, loaded.Path);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
