using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;

namespace Alpha.Platform.Tests.Ledger;

/// <content>Run results and promoted data sources of alpha serve (schema version 8).</content>
public abstract partial class LedgerContractTests
{
    [Fact]
    public async Task RunResults_SaveOnceRead_SecondSaveKeepsTheFirst()
    {
        var results = (IRunResultStore)Store;
        var spec = await Store.SnapshotAsync(TestSpecs.Agent());
        var run = await Store.CreateRunAsync(new NewRun(SpecKind.Agent, spec.VersionId, "exp_r"));

        var first = await results.SaveRunResultAsync(run.RunId, IRunResultStore.Outputs, "{\"answer\":\"disk full\"}");
        var second = await results.SaveRunResultAsync(run.RunId, IRunResultStore.Outputs, "{\"answer\":\"other\"}");
        await results.SaveRunResultAsync(run.RunId, IRunResultStore.Result, "{\"ranked_hypotheses\":[]}");

        Assert.True(first);
        Assert.False(second);
        var kept = await results.GetRunResultsAsync(run.RunId);
        Assert.Equal("disk full", System.Text.Json.JsonDocument.Parse(kept[IRunResultStore.Outputs]).RootElement.GetProperty("answer").GetString());
        Assert.Equal(2, kept.Count);
        Assert.Empty(await results.GetRunResultsAsync("run_unknown"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => results.SaveRunResultAsync("run_unknown", IRunResultStore.Outputs, "{}"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("UPDATE run_results SET content = '{}'"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("DELETE FROM run_results"));
    }

    [Fact]
    public async Task SourcePromotions_PromoteTwice_OneRowFirstKept()
    {
        var promotions = (ISourcePromotionStore)Store;
        var at = Clock.GetUtcNow();

        var (first, created) = await promotions.PromoteSourceAsync(new SourcePromotion("sentry", "sentry", "sentry", "https://sentry.io/ (org acme)", "token:ops", at));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var (again, createdAgain) = await promotions.PromoteSourceAsync(first with { PromotedBy = "token:other", PromotedAt = Clock.GetUtcNow() });

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first, again);
        Assert.Equal("token:ops", Assert.Single(await promotions.ListSourcePromotionsAsync()).PromotedBy);
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("DELETE FROM source_promotions"));
    }
}
