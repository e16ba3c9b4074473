using System.Text.Json.Nodes;
using Alpha.Cluster.Directory;
using Alpha.Platform.Ledger;
using Microsoft.Extensions.Logging;
using Orleans.Placement;
using RunStatus = Alpha.Platform.Ledger.RunStatus;

namespace Alpha.Cluster.Runs;

/// <summary>
/// One cluster run. Orleans keeps a single activation, so one node drives the run; the state (dispatch, status, node,
/// ledger run, position) is persisted in the ledger's PostgreSQL so that after a node loss the grain reactivates on
/// another node, closes the interrupted ledger run <c>failed</c> with the reason (its writes are refused from then on:
/// the old node can never drive it again) and starts it again from its last recorded step: a continuation run whose
/// parent is the interrupted one, the model calls already answered served from the ledger.
/// </summary>
[ActivationCountBasedPlacement]
internal sealed partial class WorkflowRunGrain(
    [PersistentState("run", ClusterNames.Storage)] IPersistentState<WorkflowRunState> state,
    RunExecutor executor,
    ILogger<WorkflowRunGrain> logger) : Grain, IWorkflowRunGrain, IDisposable
{
    private readonly SemaphoreSlim _writes = new(1, 1);

    private string Key => this.GetPrimaryKeyString();

    public async Task<ClusterRunView> StartAsync(ClusterDispatch dispatch)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        if (state.State.Dispatch is not null)
        {
            return View();
        }

        await UpdateAsync(s =>
        {
            s.Dispatch = dispatch;
            s.Status = ClusterRunStatus.Starting;
            s.Silo = executor.Silo;
            s.Attempt = 1;
        }).ConfigureAwait(true);
        await DirectoryOf(executor.Silo).AddAsync(Key).ConfigureAwait(true);
        try
        {
            KeepWhileRunning();
            var runId = await executor.StartAsync(Key, dispatch, null, CancellationToken.None).ConfigureAwait(true);
            KillIfAsked();
            await UpdateAsync(s =>
            {
                s.RunId ??= runId;
                s.Status = s.Status == ClusterRunStatus.Starting ? ClusterRunStatus.Running : s.Status;
            }).ConfigureAwait(true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Refused before any ledger row (an invalid dispatch): the grain says why and is done.
            await UpdateAsync(s =>
            {
                s.Status = ClusterRunStatus.Failed;
                s.Error = ex.Message;
            }).ConfigureAwait(true);
            await DirectoryOf(executor.Silo).RemoveAsync(Key).ConfigureAwait(true);
            await LinkFireAsync(ScheduleFireStatus.Failed, null, $"the workflow could not be dispatched: {ex.Message}").ConfigureAwait(true);
        }

        return View();
    }

    public Task<ClusterRunView> GetAsync() => Task.FromResult(View());

    public async Task<bool> KillAsync(string by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (executor.Kill(Key, by))
        {
            return true;
        }

        if (state.State.Dispatch is null || View().IsFinal)
        {
            return false;
        }

        // Not in flight on this activation's node (being taken over, or the grain moved): remembered, so it is never
        // started again, and asked through the ledger, whose kill request reaches the run on whatever node drives it.
        await UpdateAsync(s => s.KillRequestedBy ??= by).ConfigureAwait(true);
        if (executor.IsRunning(Key))
        {
            // Its run is opening on this node (a start or a takeover interleaved with this kill): killed once open.
            KillIfAsked();
            return true;
        }

        return state.State.RunId is { } runId && (await executor.Ledger.RequestKillAsync(runId, by).ConfigureAwait(true)).Requested;
    }

    public async Task<ClusterRunView> EnsureRunningAsync()
    {
        var view = View();
        if (state.State.Dispatch is not { } dispatch || view.IsFinal || executor.IsRunning(Key))
        {
            return view;
        }

        var lostSilo = state.State.Silo;
        var lostRun = state.State.RunId;
        var ledger = executor.Ledger;
        if (lostRun is not null && await ledger.GetRunAsync(lostRun).ConfigureAwait(true) is { } detail)
        {
            if (LedgerNames.IsFinal(detail.Run.Status))
            {
                // It ended before its node was lost; only the report was lost.
                await FinishAsync(lostRun, RunExecutor.ToClusterStatus(detail.Run.Status), detail.Run.Error, lostSilo).ConfigureAwait(true);
                return View();
            }

            // Closed here, with its last frame saying why: from now on the ledger refuses the lost node's writes to it.
            var reason = $"interrupted: node {lostSilo} was lost at {state.State.Stage ?? "the start"}; taken over by node {executor.Silo}";
            var extras = new JsonObject { ["interrupted"] = true, ["lost_node"] = lostSilo, ["taken_over_by"] = executor.Silo, ["cluster_run"] = Key }.ToJsonString();
            var frame = new RunFrame(lostRun, detail.Frames.Count == 0 ? 1 : detail.Frames[^1].Sequence + 1, detail.Run.TaskId ?? string.Empty, "workflow.failed", reason, executor.Time.GetUtcNow(), extras);
            try
            {
                await ledger.AppendAsync(lostRun, new LedgerBatch([], [], [frame], RunStatus.Failed, reason)).ConfigureAwait(true);
            }
            catch (RunClosedException)
            {
                // It ended meanwhile (its end was already on the way): that end stands.
                var closed = (await ledger.GetRunAsync(lostRun).ConfigureAwait(true))!.Run;
                await FinishAsync(lostRun, RunExecutor.ToClusterStatus(closed.Status), closed.Error, lostSilo).ConfigureAwait(true);
                return View();
            }

            await InterruptedChildren.CloseAsync(ledger, detail.Run, reason, extras, executor.Time).ConfigureAwait(true);
        }

        if (state.State.KillRequestedBy is { } by)
        {
            await FinishAsync(lostRun, ClusterRunStatus.Cancelled, $"killed by {by} while its node was lost", lostSilo).ConfigureAwait(true);
            return View();
        }

        if (state.State.Attempt >= executor.MaxAttempts)
        {
            await FinishAsync(lostRun, ClusterRunStatus.Failed, $"lost with its node {state.State.Attempt} times (node {lostSilo} last); not started again", lostSilo).ConfigureAwait(true);
            return View();
        }

        LogTakeover(Key, lostSilo, lostRun);
        await UpdateAsync(s =>
        {
            if (lostRun is not null)
            {
                s.InterruptedRunIds.Add(lostRun);
            }

            s.Attempt++;
            s.Silo = executor.Silo;
            s.RunId = null;
            s.Status = ClusterRunStatus.Starting;
        }).ConfigureAwait(true);
        await DirectoryOf(executor.Silo).AddAsync(Key).ConfigureAwait(true);
        if (lostSilo is not null && lostSilo != executor.Silo)
        {
            await DirectoryOf(lostSilo).RemoveAsync(Key).ConfigureAwait(true);
        }

        try
        {
            KeepWhileRunning();
            var runId = await executor.StartAsync(Key, dispatch, lostRun, CancellationToken.None).ConfigureAwait(true);
            KillIfAsked();
            await UpdateAsync(s =>
            {
                s.RunId ??= runId;
                s.Status = s.Status == ClusterRunStatus.Starting ? ClusterRunStatus.Running : s.Status;
            }).ConfigureAwait(true);
            await LinkFireAsync(ScheduleFireStatus.Running, runId, null).ConfigureAwait(true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await FinishAsync(null, ClusterRunStatus.Failed, $"could not be resumed on node {executor.Silo}: {ex.Message}", executor.Silo).ConfigureAwait(true);
        }

        return View();
    }

    /// <summary>A kill that arrived while the run was opening (it interleaves with a start): the open run is killed now.</summary>
    private bool KillIfAsked() => state.State.KillRequestedBy is { } by && executor.Kill(Key, by);

    public async Task ReportStageAsync(string runId, string stage)
    {
        if (runId == state.State.RunId || state.State.RunId is null)
        {
            await UpdateAsync(s => s.Stage = stage).ConfigureAwait(true);
        }
    }

    public async Task ReportFinishedAsync(string runId, ClusterRunStatus status, string? reason)
    {
        // A report of an interrupted attempt (its node came back too late) changes nothing.
        if (state.State.RunId is null || runId == state.State.RunId)
        {
            await FinishAsync(runId, status, reason, state.State.Silo).ConfigureAwait(true);
        }
    }

    public void Dispose() => _writes.Dispose();

    private async Task FinishAsync(string? runId, ClusterRunStatus status, string? error, string? silo)
    {
        // Ended: the activation may be collected again (its state is in PostgreSQL); a negative span lifts the delay.
        DelayDeactivation(TimeSpan.FromMilliseconds(-1));
        await UpdateAsync(s =>
        {
            s.RunId = runId ?? s.RunId;
            s.Status = status;
            s.Error = error;
        }).ConfigureAwait(true);
        if (silo is not null)
        {
            await DirectoryOf(silo).RemoveAsync(Key).ConfigureAwait(true);
        }

        await LinkFireAsync(ToFireStatus(status), state.State.RunId, error).ConfigureAwait(true);
    }

    /// <summary>A scheduled run's fire row follows it: running (again, after a takeover), then its end.</summary>
    private async Task LinkFireAsync(ScheduleFireStatus status, string? runId, string? error)
    {
        if (state.State.Dispatch is not { Schedule: { } schedule, ScheduledAt: { } at })
        {
            return;
        }

        try
        {
            await executor.Ledger.UpdateScheduleFireAsync(schedule, at, status, runId, error).ConfigureAwait(true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The run's own ledger rows are the record; the fire row is a link to them.
            LogFireLinkFailed(Key, schedule, ex.Message);
        }
    }

    private static ScheduleFireStatus ToFireStatus(ClusterRunStatus status) => status switch
    {
        ClusterRunStatus.Completed => ScheduleFireStatus.Completed,
        ClusterRunStatus.Failed => ScheduleFireStatus.Failed,
        ClusterRunStatus.Cancelled => ScheduleFireStatus.Cancelled,
        ClusterRunStatus.Capped => ScheduleFireStatus.Capped,
        _ => ScheduleFireStatus.Running,
    };

    /// <summary>A run in flight keeps its activation on the node driving it (Orleans would collect an idle grain after its collection age).</summary>
    private void KeepWhileRunning() => DelayDeactivation(TimeSpan.FromDays(7));

    private async Task UpdateAsync(Action<WorkflowRunState> change)
    {
        await _writes.WaitAsync().ConfigureAwait(true);
        try
        {
            change(state.State);
            state.State.UpdatedAt = executor.Time.GetUtcNow();
            await state.WriteStateAsync().ConfigureAwait(true);
        }
        finally
        {
            _writes.Release();
        }
    }

    private IRunDirectoryGrain DirectoryOf(string silo) => GrainFactory.GetGrain<IRunDirectoryGrain>(silo);

    private ClusterRunView View() => new(
        Key,
        state.State.Status,
        state.State.Silo,
        state.State.RunId,
        [.. state.State.InterruptedRunIds],
        state.State.Attempt,
        state.State.Stage,
        state.State.Error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster run {Key}: its schedule fire ({Schedule}) could not be updated: {Reason}")]
    private partial void LogFireLinkFailed(string key, string schedule, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster run {Key}: node {LostSilo} was lost with ledger run {LostRun}; taking it over")]
    private partial void LogTakeover(string key, string? lostSilo, string? lostRun);
}
