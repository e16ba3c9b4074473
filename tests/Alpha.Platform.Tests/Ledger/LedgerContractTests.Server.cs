using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;

namespace Alpha.Platform.Tests.Ledger;

/// <content>What alpha serve needs from the ledger: API tokens (schema version 6) and filtered, paged run listings.</content>
public abstract partial class LedgerContractTests
{
    private static readonly string HashA = new('a', 64);
    private static readonly string HashB = new('b', 64);

    [Fact]
    public async Task ApiTokens_AddFindRevoke_ByNameOrId()
    {
        var tokens = (IApiTokenStore)Store;
        var first = await tokens.AddApiTokenAsync("ci", HashA);
        var second = await tokens.AddApiTokenAsync("ci", HashB);

        var found = await tokens.FindApiTokenAsync(HashA);
        var byId = await tokens.RevokeApiTokensAsync(first.TokenId);
        var byName = await tokens.RevokeApiTokensAsync("ci");
        var again = await tokens.RevokeApiTokensAsync("ci");

        Assert.Equal(first, found);
        Assert.Null(await tokens.FindApiTokenAsync(new string('c', 64)));
        Assert.Equal(first.TokenId, Assert.Single(byId).TokenId);
        Assert.Equal(second.TokenId, Assert.Single(byName).TokenId);
        Assert.Empty(again);
        Assert.Equal(Clock.GetUtcNow(), (await tokens.FindApiTokenAsync(HashB))!.RevokedAt);
        Assert.Equal([first.TokenId, second.TokenId], (await tokens.ListApiTokensAsync()).Select(t => t.TokenId));
        await Assert.ThrowsAnyAsync<Exception>(() => tokens.AddApiTokenAsync("dup", HashA)); // one row per hash
    }

    [Fact]
    public async Task SearchRuns_StatusExperimentTaskAndCursor_NewestFirst()
    {
        var spec = await Store.SnapshotAsync(TestSpecs.Agent());
        var runs = new List<WorkflowRun>();
        foreach (var (experiment, task) in new[] { ("exp_a", "task_1"), ("exp_a", "task_2"), ("exp_b", "task_3") })
        {
            runs.Add(await Store.CreateRunAsync(new NewRun(SpecKind.Agent, spec.VersionId, experiment, TaskId: task)));
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await Store.AppendAsync(runs[0].RunId, new LedgerBatch([], [], [], RunStatus.Completed));

        Assert.Equal([runs[1].RunId, runs[0].RunId], (await Store.SearchRunsAsync(new RunQuery(ExperimentId: "exp_a"))).Select(r => r.RunId));
        Assert.Equal([runs[0].RunId], (await Store.SearchRunsAsync(new RunQuery(RunStatus.Completed))).Select(r => r.RunId));
        Assert.Equal([runs[2].RunId], (await Store.SearchRunsAsync(new RunQuery(TaskId: "task_3"))).Select(r => r.RunId));
        Assert.Equal([runs[2].RunId, runs[1].RunId], (await Store.SearchRunsAsync(new RunQuery(Limit: 2))).Select(r => r.RunId));
        Assert.Equal([runs[0].RunId], (await Store.SearchRunsAsync(new RunQuery(Before: runs[1].RunId))).Select(r => r.RunId));
        Assert.All(await Store.SearchRunsAsync(new RunQuery()), r => Assert.Null(r.Inputs));
    }

    [Fact]
    public async Task Migrate_LedgerWithoutVersion6_AppliesItOnOpen()
    {
        // A ledger migrated by an Alpha without version 6 (or with versions 4 and 5 applied after it): 6 is applied on open.
        await ExecuteRawAsync("DROP TABLE api_tokens");
        await ExecuteRawAsync("DELETE FROM schema_migrations WHERE version = 6");

        await using var reopened = await OpenStoreAsync(Clock);

        Assert.Equal(1, await CountAsync("schema_migrations", "version = 6"));
        Assert.Equal(0, await CountAsync("api_tokens"));
    }
}
