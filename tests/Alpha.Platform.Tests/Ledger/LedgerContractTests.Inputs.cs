using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;

namespace Alpha.Platform.Tests.Ledger;

/// <content>Big inputs by content hash (schema version 9): one excerpt per content, the run refers to it.</content>
public abstract partial class LedgerContractTests
{
    [Fact]
    public async Task CreateRun_InputsDigest_ExcerptKeptOncePerContentAndReadInItsPlace()
    {
        var spec = await Store.SnapshotAsync(TestSpecs.Workflow());
        var excerpt = """{"incident": {"deployment_id": "big", "logs": ["first line"]}, "excerpt": {"logs_total": 2600000}}""";
        var digest = new RunInputsDigest(new string('d', 64), 205_000_000);

        var first = await Store.CreateRunAsync(new NewRun(SpecKind.Workflow, spec.VersionId, Inputs: excerpt, InputsDigest: digest));
        var second = await Store.CreateRunAsync(new NewRun(SpecKind.Workflow, spec.VersionId, Inputs: excerpt, InputsDigest: digest));
        var small = await Store.CreateRunAsync(new NewRun(SpecKind.Workflow, spec.VersionId, Inputs: """{"q": 1}"""));

        Assert.Equal(1, await CountAsync("run_inputs"));
        Assert.Equal(2, await CountAsync("workflow_runs", $"inputs_hash = '{digest.ContentHash}'"));
        Assert.Equal(1, await CountAsync("workflow_runs", "inputs_hash IS NOT NULL AND inputs_hash <> '" + digest.ContentHash + "'"));
        foreach (var run in new[] { first, second })
        {
            var slice = (await Store.GetRunInputsAsync(run.RunId))!;
            Assert.Equal(excerpt, slice.Text);
            Assert.Equal(excerpt.Length, slice.TotalChars);
            Assert.Equal(excerpt.Length, (await Store.GetRunAsync(run.RunId))!.Run.InputsChars);
        }

        Assert.Equal("""{"q": 1}""", (await Store.GetRunInputsAsync(small.RunId))!.Text);
    }

    [Fact]
    public async Task RunInputs_UpdateDeleteOrChangeARunsHash_Refused()
    {
        var spec = await Store.SnapshotAsync(TestSpecs.Workflow());
        var digest = new RunInputsDigest(new string('e', 64), 10);
        var run = await Store.CreateRunAsync(new NewRun(SpecKind.Workflow, spec.VersionId, Inputs: "{}", InputsDigest: digest));

        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("UPDATE run_inputs SET chars = 1"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("DELETE FROM run_inputs"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync($"UPDATE workflow_runs SET inputs_hash = '{new string('f', 64)}' WHERE run_id = '{run.RunId}'"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.CreateRunAsync(new NewRun(SpecKind.Workflow, spec.VersionId, Inputs: "{}", InputsDigest: new RunInputsDigest("not-a-hash", 1))));
        Assert.Equal(1, await CountAsync("run_inputs"));
    }
}
