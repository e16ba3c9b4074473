using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Testing;

namespace Alpha.Platform.Tests.Ledger;

/// <summary>
/// The ledger contract. Every test here runs on SQLite (a real temporary file) and on PostgreSQL (a schema of
/// its own on the server of ALPHA_TEST_PG), through the derived classes.
/// </summary>
public abstract partial class LedgerContractTests : IAsyncLifetime
{
    protected ManualTimeProvider Clock { get; } = new();

    protected ILedgerStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        Store = await OpenStoreAsync(Clock);
    }

    public async Task DisposeAsync()
    {
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }

        await DropDatabaseAsync();
    }

    /// <summary>Creates the empty database (file or schema) of this test.</summary>
    protected abstract Task CreateDatabaseAsync();

    /// <summary>Opens a new store instance (its own connections) on this test's database.</summary>
    protected abstract Task<ILedgerStore> OpenStoreAsync(TimeProvider time);

    /// <summary>Runs raw SQL on this test's database, bypassing the store.</summary>
    protected abstract Task<int> ExecuteRawAsync(string sql);

    /// <summary>Counts rows with raw SQL.</summary>
    protected abstract Task<long> CountAsync(string table, string where = "1 = 1");

    protected abstract Task DropDatabaseAsync();

    [Fact]
    public async Task Snapshot_NewSpec_CreatesVersionOne()
    {
        var spec = TestSpecs.Agent();

        var snapshot = await Store.SnapshotAsync(spec);

        Assert.True(snapshot.Created);
        Assert.Equal(1, snapshot.Version);
        Assert.Equal(SpecKind.Agent, snapshot.Kind);
        Assert.Equal(SpecCanonicalizer.Hash(spec), snapshot.SpecHash);
        Assert.Equal(LedgerIds.SpecId(SpecKind.Agent, "researcher"), snapshot.SpecId);
        Assert.StartsWith("agv_", snapshot.VersionId, StringComparison.Ordinal);
        Assert.Equal(Clock.GetUtcNow(), snapshot.CreatedAt);
        var stored = Assert.Single(await Store.GetSpecVersionsAsync(SpecKind.Agent, "researcher"));
        Assert.Equal(SpecCanonicalizer.ToCanonicalJson(spec), stored.Content);
        Assert.Equal(snapshot.VersionId, stored.VersionId);
    }

    [Fact]
    public async Task Snapshot_SameContent_ReturnsSameIdsNotCreated()
    {
        var first = await Store.SnapshotAsync(TestSpecs.Workflow());
        Clock.Advance(TimeSpan.FromMinutes(5));

        var second = await Store.SnapshotAsync(TestSpecs.Workflow());

        Assert.False(second.Created);
        Assert.Equal(first with { Created = false }, second);
        Assert.Equal(1, await CountAsync("workflow_spec_versions"));
    }

    [Fact]
    public async Task Snapshot_EquivalentYamlAndJsonFiles_SameVersion()
    {
        var yaml = SpecLoader.Parse("kind: analysis\nname: incident\nagents: [logs, {name: metrics}]\nsynthesis: synthesis\n", "a.yaml");
        var json = SpecLoader.Parse("""{"synthesis": "synthesis", "top_k": 5.0, "agents": ["logs", "metrics"], "name": "incident", "kind": "analysis"}""", "a.json");

        var fromYaml = await Store.SnapshotAsync(yaml);
        var fromJson = await Store.SnapshotAsync(json);

        Assert.True(fromYaml.Created);
        Assert.False(fromJson.Created);
        Assert.Equal(fromYaml.VersionId, fromJson.VersionId);
    }

    [Fact]
    public async Task Snapshot_AnyChange_NewVersionAndOldRowsKept()
    {
        var v1 = await Store.SnapshotAsync(TestSpecs.Agent(timeout: 30));
        var v2 = await Store.SnapshotAsync(TestSpecs.Agent(timeout: 31));
        var v3 = await Store.SnapshotAsync(TestSpecs.Agent(model: "openai/gpt-4o"));
        var back = await Store.SnapshotAsync(TestSpecs.Agent(timeout: 30));
        var other = await Store.SnapshotAsync(TestSpecs.Agent(name: "other"));

        Assert.Equal([1, 2, 3], new[] { v1.Version, v2.Version, v3.Version });
        Assert.Equal(3, new[] { v1.VersionId, v2.VersionId, v3.VersionId }.Distinct().Count());
        Assert.All(new[] { v1, v2, v3 }, s => Assert.Equal(v1.SpecId, s.SpecId));
        Assert.Equal((v1.VersionId, 1, false), (back.VersionId, back.Version, back.Created));
        Assert.Equal((1, true), (other.Version, other.Created));
        var versions = await Store.GetSpecVersionsAsync(SpecKind.Agent, "researcher");
        Assert.Equal([v1.SpecHash, v2.SpecHash, v3.SpecHash], versions.Select(v => v.SpecHash));
        Assert.Equal(v2, await Store.GetSpecVersionAsync(SpecKind.Agent, v2.VersionId) is { } row ? row.ToSnapshot(created: true) : null);
    }

    [Fact]
    public async Task Snapshot_KindsAreSeparate_SameNameInEachTable()
    {
        await Store.SnapshotAsync(TestSpecs.Agent(name: "same"));
        await Store.SnapshotAsync(TestSpecs.Analysis(name: "same"));
        await Store.SnapshotAsync(TestSpecs.Workflow(name: "same"));

        var list = await Store.ListSpecsAsync();

        Assert.Equal([SpecKind.Agent, SpecKind.Analysis, SpecKind.Workflow], list.Select(s => s.Kind));
        Assert.All(list, s => Assert.Equal(("same", 1), (s.Name, s.Versions)));
        Assert.Equal(1, await CountAsync("agent_spec_versions"));
        Assert.Equal(1, await CountAsync("analysis_spec_versions"));
    }

    [Fact]
    public async Task ListSpecs_ReportsLatestVersionAndCount()
    {
        await Store.SnapshotAsync(TestSpecs.Analysis(topK: 3));
        var latest = await Store.SnapshotAsync(TestSpecs.Analysis(topK: 4));
        await Store.SnapshotAsync(TestSpecs.Agent());

        var list = await Store.ListSpecsAsync();

        var analysis = Assert.Single(list, s => s.Kind == SpecKind.Analysis);
        Assert.Equal((2, 2, latest.VersionId, latest.SpecHash), (analysis.Versions, analysis.LatestVersion, analysis.LatestVersionId, analysis.LatestHash));
        Assert.Equal(2, list.Count);
    }

    [Fact]
    public async Task Snapshot_ManyConcurrentTasksOnTwoStores_ExactlyOneRow()
    {
        await using var second = await OpenStoreAsync(Clock);
        var stores = new[] { Store, second };
        using var start = new ManualResetEventSlim();

        var tasks = Enumerable.Range(0, 48).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await stores[i % 2].SnapshotAsync(TestSpecs.Workflow());
        })).ToArray();
        start.Set();
        var snapshots = await Task.WhenAll(tasks);

        Assert.Single(snapshots.Select(s => s.VersionId).Distinct());
        Assert.Single(snapshots, s => s.Created);
        Assert.Equal(1, await CountAsync("workflow_spec_versions"));
    }

    [Fact]
    public async Task Snapshot_ConcurrentDifferentContentOfOneName_ConsecutiveVersions()
    {
        await using var second = await OpenStoreAsync(Clock);
        var stores = new[] { Store, second };
        using var start = new ManualResetEventSlim();

        var tasks = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await stores[i % 2].SnapshotAsync(TestSpecs.Workflow(maxUsd: 1 + (i % 8)));
        })).ToArray();
        start.Set();
        var snapshots = await Task.WhenAll(tasks);

        Assert.Equal(8, snapshots.Select(s => s.VersionId).Distinct().Count());
        Assert.Equal(8, snapshots.Count(s => s.Created));
        Assert.Equal(Enumerable.Range(1, 8), snapshots.Select(s => s.Version).Distinct().Order());
        Assert.Equal(8, await CountAsync("workflow_spec_versions"));
    }

    [Theory]
    [InlineData("agent_spec_versions")]
    [InlineData("analysis_spec_versions")]
    [InlineData("workflow_spec_versions")]
    public async Task SpecVersions_UpdateAndDelete_RefusedByTheDatabase(string table)
    {
        await Store.SnapshotAsync(TestSpecs.Agent());
        await Store.SnapshotAsync(TestSpecs.Analysis());
        await Store.SnapshotAsync(TestSpecs.Workflow());

        var update = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync($"UPDATE {table} SET content = '{{}}'"));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync($"DELETE FROM {table}"));

        Assert.Contains("immutable", update.Message, StringComparison.Ordinal);
        Assert.Contains("immutable", delete.Message, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(table));
        var versions = await Store.ListSpecsAsync();
        Assert.Equal(3, versions.Count);
    }

    [Fact]
    public async Task Open_SchemaFromANewerAlpha_IsRefused()
    {
        await ExecuteRawAsync("INSERT INTO schema_migrations (version, description, applied_at) VALUES (99, 'from the future', '2030-01-01')");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenStoreAsync(Clock));

        Assert.Contains("schema version 99, newer than this Alpha knows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_SecondOpen_AppliesNothing()
    {
        await using var second = await OpenStoreAsync(Clock);

        Assert.Equal(0, await ((SqlLedgerStore)second).MigrateAsync());
        // Every version once: 1 to 9, no gap.
        Assert.Equal(9, await CountAsync("schema_migrations"));
        Assert.Equal(0, await CountAsync("schema_migrations", "version > 9"));
        Assert.Equal(1, await CountAsync("schema_migrations", "version = 5"));
        Assert.Equal(1, await CountAsync("schema_migrations", "version = 8"));
    }
}
