using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;

namespace Alpha.Platform.Tests.Ledger;

public abstract partial class LedgerContractTests
{
    private async Task<WorkflowRun> NewRunAsync(string? experiment = null, string? parent = null)
    {
        var spec = await Store.SnapshotAsync(TestSpecs.Workflow());
        return await Store.CreateRunAsync(new NewRun(SpecKind.Workflow, spec.VersionId, experiment, "case-1", parent, "exe_1", """{"question": "why?"}"""));
    }

    private static (AgentRunRecord Run, AgentRunStep[] Steps) AgentRun(string runId, string node, int steps, DateTimeOffset at, AgentRunStatus status = AgentRunStatus.Completed)
    {
        var id = LedgerIds.New("arun");
        var list = Enumerable.Range(1, steps)
            .Select(i => new AgentRunStep(LedgerIds.New("step"), id, runId, i, AgentRunStep.ModelKind, "openai/gpt-4o-mini", $"request {i}", $"response {i}", 100, 20, 0.000027m, 12.5, null, at))
            .ToArray();
        var run = new AgentRunRecord(id, runId, node, node, null, "llm", status, at, at.AddSeconds(1), 100 * steps, 20 * steps, 0.000027m * steps, status == AgentRunStatus.Completed ? null : "boom");
        return (run, list);
    }

    private static RunFrame Frame(string runId, long sequence, DateTimeOffset at) =>
        new(runId, sequence, "exe_1", $"stage.{sequence}", $"frame {sequence}", at, $$"""{"n": {{sequence}}}""");

    [Fact]
    public async Task CreateRun_WithoutExperiment_GeneratesOne()
    {
        var run = await NewRunAsync();

        Assert.StartsWith("run_", run.RunId, StringComparison.Ordinal);
        Assert.StartsWith("exp_", run.ExperimentId, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Running, run.Status);
        Assert.Equal(Clock.GetUtcNow(), run.StartedAt);
        var stored = (await Store.GetRunAsync(run.RunId))!.Run;
        Assert.Equal(run, stored);
    }

    [Fact]
    public async Task CreateRun_UnknownSpecVersionOrParent_Throws()
    {
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CreateRunAsync(new NewRun(SpecKind.Workflow, "wfv_missing")));
        var spec = await Store.SnapshotAsync(TestSpecs.Workflow());
        var orphan = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CreateRunAsync(new NewRun(SpecKind.Workflow, spec.VersionId, ParentRunId: "run_missing")));

        Assert.Contains("snapshot the spec first", missing.Message, StringComparison.Ordinal);
        Assert.Contains("run_missing", orphan.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("workflow_runs"));
    }

    [Fact]
    public async Task Append_AgentRunsStepsFramesAndFinish_ReadBackWholeWithTotals()
    {
        var parent = await NewRunAsync("exp_a");
        var run = await NewRunAsync("exp_a", parent.RunId);
        var at = Clock.GetUtcNow();
        var logs = AgentRun(run.RunId, "logs", steps: 2, at);
        var metrics = AgentRun(run.RunId, "metrics", steps: 0, at.AddSeconds(1), AgentRunStatus.TimedOut);

        await Store.AppendAsync(run.RunId, new LedgerBatch([logs.Run], logs.Steps, [Frame(run.RunId, 1, at), Frame(run.RunId, 2, at)]));
        Clock.Advance(TimeSpan.FromSeconds(3));
        var finished = await Store.AppendAsync(run.RunId, new LedgerBatch([metrics.Run], [], [Frame(run.RunId, 3, at)], RunStatus.Completed));

        var detail = (await Store.GetRunAsync(run.RunId))!;
        Assert.Equal(detail.Run, finished);
        Assert.Equal(RunStatus.Completed, detail.Run.Status);
        Assert.Equal(Clock.GetUtcNow(), detail.Run.FinishedAt);
        Assert.Equal((parent.RunId, "exp_a", "case-1"), (detail.Run.ParentRunId, detail.Run.ExperimentId, detail.Run.TestId));
        Assert.Equal(240, detail.Run.TotalTokens);
        Assert.Equal(0.000054m, detail.Run.TotalCostUsd);
        Assert.Equal([logs.Run, metrics.Run], detail.AgentRuns);
        Assert.Equal(logs.Steps, detail.Steps);
        Assert.Equal([1L, 2, 3], detail.Frames.Select(f => f.Sequence));
        Assert.Equal("""{"n": 3}""", detail.Frames[2].Extras);
        Assert.Equal([run.RunId, parent.RunId], (await Store.ListRunsAsync()).Select(r => r.RunId));
    }

    [Fact]
    public async Task Append_CostsBeyondDoublePrecision_KeptExactlyToTenDecimals()
    {
        var run = await NewRunAsync();
        var at = Clock.GetUtcNow();
        var big = AgentRun(run.RunId, "logs", steps: 0, at) is var b ? b.Run with { CostUsd = 12345678.9876543211m } : default!;
        var tiny = AgentRun(run.RunId, "metrics", steps: 0, at) is var t ? t.Run with { CostUsd = 0.00000000014m } : default!;

        await Store.AppendAsync(run.RunId, new LedgerBatch([big, tiny], [], [], RunStatus.Completed));

        var detail = (await Store.GetRunAsync(run.RunId))!;
        // A double keeps ~16 significant digits: 12345678.9876543211 would come back as ...654321.
        Assert.Equal([12345678.9876543211m, 0.0000000001m], detail.AgentRuns.Select(a => a.CostUsd));
        Assert.Equal(12345678.9876543212m, detail.Run.TotalCostUsd);
    }

    [Fact]
    public async Task Append_BatchFailsHalfway_NothingOfItIsWritten()
    {
        var run = await NewRunAsync();
        var at = Clock.GetUtcNow();
        var good = AgentRun(run.RunId, "logs", steps: 1, at);
        await Store.AppendAsync(run.RunId, new LedgerBatch([good.Run], good.Steps, [Frame(run.RunId, 1, at)]));
        var next = AgentRun(run.RunId, "metrics", steps: 3, at);

        // The agent run and its steps are fine; the second frame reuses sequence 1 and violates the primary key.
        var batch = new LedgerBatch([next.Run], next.Steps, [Frame(run.RunId, 2, at), Frame(run.RunId, 1, at)], RunStatus.Completed);
        await Assert.ThrowsAnyAsync<Exception>(() => Store.AppendAsync(run.RunId, batch));

        var detail = (await Store.GetRunAsync(run.RunId))!;
        Assert.Equal(RunStatus.Running, detail.Run.Status);
        Assert.Equal([good.Run], detail.AgentRuns);
        Assert.Single(detail.Steps);
        Assert.Single(detail.Frames);
        Assert.Equal(120, detail.Run.TotalTokens);
        Assert.Equal(1, await CountAsync("agent_runs"));
    }

    [Fact]
    public async Task Append_FinishedRun_IsRefused()
    {
        var run = await NewRunAsync();
        await Store.AppendAsync(run.RunId, new LedgerBatch([], [], [], RunStatus.Failed, "boom"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AppendAsync(run.RunId, LedgerBatch.OfFrames([Frame(run.RunId, 1, Clock.GetUtcNow())])));

        Assert.Contains("is failed", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("run_frames"));
        Assert.Equal("boom", (await Store.GetRunAsync(run.RunId))!.Run.Error);
    }

    [Fact]
    public async Task Runs_FinishedRowsAndChildRows_CannotBeChangedOrDeleted()
    {
        var run = await NewRunAsync();
        var at = Clock.GetUtcNow();
        var a = AgentRun(run.RunId, "logs", steps: 1, at);
        await Store.AppendAsync(run.RunId, new LedgerBatch([a.Run], a.Steps, [Frame(run.RunId, 1, at)], RunStatus.Completed));

        foreach (var sql in new[]
        {
            $"UPDATE workflow_runs SET status = 'failed' WHERE run_id = '{run.RunId}'",
            $"DELETE FROM workflow_runs WHERE run_id = '{run.RunId}'",
            "UPDATE agent_runs SET input_tokens = 0",
            "DELETE FROM agent_runs",
            "UPDATE agent_run_steps SET response = 'edited'",
            "DELETE FROM agent_run_steps",
            "UPDATE run_frames SET message = 'edited'",
            "DELETE FROM run_frames",
        })
        {
            var ex = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync(sql));
            Assert.Contains("alpha ledger", ex.Message, StringComparison.Ordinal);
        }

        var detail = (await Store.GetRunAsync(run.RunId))!;
        Assert.Equal(RunStatus.Completed, detail.Run.Status);
        Assert.Equal("response 1", Assert.Single(detail.Steps).Response);
    }

    [Fact]
    public async Task Runs_RunningRowIdentity_CannotBeRewritten()
    {
        var run = await NewRunAsync();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync($"UPDATE workflow_runs SET spec_version_id = 'wfv_other' WHERE run_id = '{run.RunId}'"));

        Assert.Contains("immutable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailAbandonedRuns_OnlyStaleActiveRuns_MarkedFailed()
    {
        var stale = await NewRunAsync();
        var finished = await NewRunAsync();
        await Store.AppendAsync(finished.RunId, new LedgerBatch([], [], [], RunStatus.Completed));
        Clock.Advance(TimeSpan.FromMinutes(30));
        var fresh = await NewRunAsync();

        var count = await Store.FailAbandonedRunsAsync(Clock.GetUtcNow().AddMinutes(-10), "abandoned: its process stopped");

        Assert.Equal(1, count);
        var recovered = (await Store.GetRunAsync(stale.RunId))!.Run;
        Assert.Equal((RunStatus.Failed, "abandoned: its process stopped", Clock.GetUtcNow()), (recovered.Status, recovered.Error, recovered.FinishedAt));
        Assert.Equal(RunStatus.Running, (await Store.GetRunAsync(fresh.RunId))!.Run.Status);
        Assert.Equal(RunStatus.Completed, (await Store.GetRunAsync(finished.RunId))!.Run.Status);
    }

    [Fact]
    public async Task GetRun_Unknown_IsNull()
    {
        Assert.Null(await Store.GetRunAsync("run_missing"));
    }
}
