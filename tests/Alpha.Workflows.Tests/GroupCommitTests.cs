using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Workflows.Control;
using Microsoft.Data.Sqlite;
using static Alpha.Workflows.Tests.WorkflowFixture;

namespace Alpha.Workflows.Tests;

/// <summary>
/// The run journal's group commit: nodes go on while the ledger writes, every transition still lands in order,
/// and a write the ledger refuses fails the run. The ledger is made slow or refusing with a second real SQLite
/// connection on the same file (a held write lock, a trigger), not with a fake.
/// </summary>
public sealed class GroupCommitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task RunAsync_LedgerWriteLockedByAnotherConnection_NodesFinishThenEveryRowLandsInOrder()
    {
        await using var fx = await CreateAsync();
        var frames = new ConcurrentQueue<RunFrame>();
        var allCompleted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        const int Count = 10;
        var runtime = new WorkflowRuntime(new WorkflowRuntimeOptions
        {
            Ledger = fx.Ledger,
            KillSwitch = new KillSwitch(),
            OnFrame = f =>
            {
                frames.Enqueue(f);
                if (f.Stage == $"node.n{Count}.completed")
                {
                    allCompleted.TrySetResult();
                }
            },
        });
        var nodes = Enumerable.Range(1, Count).Select(i => Node($"n{i}", "step")).ToArray();
        var edges = Enumerable.Range(1, Count - 1).Select(i => new WorkflowEdge($"n{i}", $"n{i + 1}")).ToArray();
        await using var blocker = new SqliteConnection($"Data Source={fx.Ledger.FilePath}");
        await blocker.OpenAsync();
        SqliteTransaction? held = null;

        // Once the run is recorded running, another connection takes SQLite's write lock: the journal cannot commit.
        var dispatch = new WorkflowDispatch(Workflow("chain", nodes, edges), Agents(Deterministic("step")), new JsonObject(), RunCreated: (_, _) =>
        {
            held = blocker.BeginTransaction(deferred: false);
            return Task.CompletedTask;
        });
        var running = runtime.RunAsync(dispatch);

        await allCompleted.Task.WaitAsync(Patience);
        var runId = frames.First().RunId;
        var whileLocked = await fx.Ledger.ReadFramesAsync(runId, 0);
        Assert.Equal(["workflow.started"], whileLocked!.Frames.Select(f => f.Stage));
        held!.Rollback();
        var result = await running.WaitAsync(Patience);

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        var detail = await fx.Ledger.GetRunAsync(runId);
        Assert.Equal(frames.Select(f => (f.Sequence, f.Stage)), detail!.Frames.Select(f => (f.Sequence, f.Stage)));
        Assert.Equal(Enumerable.Range(1, detail.Frames.Count).Select(i => (long)i), detail.Frames.Select(f => f.Sequence));
        Assert.Equal(Count, detail.AgentRuns.Count);
        Assert.All(detail.AgentRuns, a => Assert.Equal(AgentRunStatus.Completed, a.Status));
    }

    [Fact]
    public async Task RunAsync_LedgerRefusesANodesFrame_RunEndsFailedAndSaysWhy()
    {
        await using var fx = await CreateAsync();
        await using (var admin = new SqliteConnection($"Data Source={fx.Ledger.FilePath}"))
        {
            await admin.OpenAsync();
            await using var command = admin.CreateCommand();
            command.CommandText = "CREATE TRIGGER refuse_b BEFORE INSERT ON run_frames WHEN NEW.stage = 'node.b.started' BEGIN SELECT RAISE(ABORT, 'disk quota exceeded'); END;";
            await command.ExecuteNonQueryAsync();
        }

        var spec = Workflow("refused", [Node("a", "step"), Node("b", "step"), Node("c", "step")], [new("a", "b"), new("b", "c")]);

        var result = await fx.Runtime.RunAsync(new WorkflowDispatch(spec, Agents(Deterministic("step")), new JsonObject()));

        Assert.Equal(RunStatus.Failed, result.Run.Status);
        Assert.Contains("the ledger refused a write", result.Run.Error, StringComparison.Ordinal);
        Assert.Contains("disk quota exceeded", result.Run.Error, StringComparison.Ordinal);
        var detail = await fx.Ledger.GetRunAsync(result.Run.RunId);
        Assert.Equal("workflow.failed", detail!.Frames[^1].Stage);
        Assert.DoesNotContain(detail.Frames, f => f.Stage == "node.b.started");
    }
}
