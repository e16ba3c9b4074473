using System.Text.Json.Nodes;
using Alpha.Cluster.Runs;
using Alpha.Hosting.Workflows;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Workflows.Scheduling;
using Microsoft.Extensions.Logging;

namespace Alpha.Cluster.Schedules;

/// <summary>
/// One cluster schedule. The reminder (<see cref="AlphaClusterOptions.ScheduleTick"/>, stored in the ledger's
/// PostgreSQL) is a coarse, durable wake-up that brings the grain back on a live node after its node is lost; while the
/// grain is active a timer wakes it at each occurrence. A pass plans the due fires exactly as the single-process
/// <see cref="WorkflowScheduler"/> does (<see cref="FirePlanner"/>, after the latest fire in the ledger; late fires follow
/// the schedule's missed-fire policy), claims each in <c>schedule_fires</c> (the unique key decides: the last line of
/// defence) and dispatches every claimed fire that has no run yet to the run grain keyed by the fire
/// (<see cref="ScheduleRunKeys"/>), whose second start is a no-op. A claim whose node died before its run started is
/// dispatched by the next pass, on whatever node the grain lives then.
/// </summary>
internal sealed partial class ScheduleGrain(
    [PersistentState("schedule", ClusterNames.Storage)] IPersistentState<ScheduleState> state,
    RunExecutor executor,
    AlphaClusterOptions cluster,
    ILogger<ScheduleGrain> logger) : Grain, IScheduleGrain, IRemindable
{
    private const string ReminderName = "fire";
    // Fewer than the fires one pass lists back (200), so every claim of a pass is dispatched by it.
    private const int MaxFiresPerPass = 100;

    // A timer is never armed further than this: the next pass re-arms it (timers take at most ~49 days).
    private static readonly TimeSpan LongestTimer = TimeSpan.FromHours(1);

    // Fired a little after the occurrence, so that the pass's "now" is past it.
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(20);

    private WorkflowSchedule? _schedule;
    private string? _error;
    private DateTimeOffset? _cursor;
    private IGrainTimer? _timer;
    private bool _deferred;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Active)
        {
            await ReadAsync(cancellationToken).ConfigureAwait(true);
            Arm();
        }
    }

    public async Task<ClusterScheduleView> SetAsync(string specVersionId, string node)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(specVersionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        state.State.SpecVersionId = specVersionId;
        state.State.Node = node;
        state.State.Active = true;
        await ReadAsync(CancellationToken.None).ConfigureAwait(true);
        if (_schedule is null)
        {
            throw new ArgumentException($"schedule {Key}: {_error}", nameof(specVersionId));
        }

        await state.WriteStateAsync().ConfigureAwait(true);
        await GrainFactory.GetGrain<IScheduleRegistryGrain>(0).AddAsync(Key).ConfigureAwait(true);
        await this.RegisterOrUpdateReminder(ReminderName, cluster.ScheduleTick, cluster.ScheduleTick).ConfigureAwait(true);
        _cursor = null;

        // The first pass runs from the timer, at once, not inside this call: registering stays one short grain call
        // even when the pass has fires to dispatch on a loaded cluster.
        _deferred = true;
        Arm();
        return View();
    }

    public async Task<ClusterScheduleView> RemoveAsync()
    {
        state.State.Active = false;
        await state.WriteStateAsync().ConfigureAwait(true);
        _timer?.Dispose();
        _timer = null;
        await UnregisterAsync().ConfigureAwait(true);
        await GrainFactory.GetGrain<IScheduleRegistryGrain>(0).RemoveAsync(Key).ConfigureAwait(true);
        var view = View();
        DeactivateOnIdle();
        return view;
    }

    public Task<ClusterScheduleView> GetAsync() => Task.FromResult(View());

    public Task WakeAsync() => PassAsync();

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!state.State.Active)
        {
            // Removed while its reminder was already loaded somewhere: stop it.
            await UnregisterAsync().ConfigureAwait(true);
            return;
        }

        await PassAsync().ConfigureAwait(true);
    }

    private async Task PassAsync()
    {
        if (!state.State.Active || _schedule is not { } schedule)
        {
            return;
        }

        var ledger = executor.Ledger;
        try
        {
            var now = executor.Time.GetUtcNow();
            var last = await ledger.GetLastScheduleFireAsync(Key).ConfigureAwait(true);

            // As the single-process scheduler: after the latest fire in the ledger, or after now - grace for a schedule
            // never fired; then after this activation's last pass.
            var since = _cursor is { } cursor ? (last is { } l && l > cursor ? l : cursor) : last ?? now - schedule.Grace;
            var plan = FirePlanner.Plan(schedule, since, now, MaxFiresPerPass);
            if (plan.Skipped > 0)
            {
                LogSkipped(Key, plan.Skipped, schedule.Missed);
            }

            foreach (var at in plan.Fires)
            {
                // False: claimed already (by this grain's earlier activation); the dispatch below looks after it.
                await ledger.ClaimScheduleFireAsync(Key, at, schedule.Workflow, state.State.SpecVersionId, ScheduleClaims.For(cluster.ClusterId)).ConfigureAwait(true);
            }

            _cursor = plan.Cursor;
            _deferred = plan.Deferred;

            // Every fire this cluster claimed with no run yet: this pass's claims, and any whose node died between claim
            // and start. Never another scheduler's claim (alpha workflows schedule on the same database): it runs its own.
            var pending = (await ledger.ListScheduleFiresAsync(Key, 200).ConfigureAwait(true))
                .Where(f => f.Status == ScheduleFireStatus.Claimed && ScheduleClaims.IsOf(f, cluster.ClusterId))
                .OrderBy(f => f.ScheduledAt);
            foreach (var fire in pending)
            {
                await DispatchAsync(schedule, fire.ScheduledAt).ConfigureAwait(true);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The ledger or a node is briefly unreachable: the next timer or reminder tick passes again (nothing is lost:
            // an unclaimed fire is still due, a claimed one is still pending).
            LogPassFailed(Key, ex.Message);
        }
        finally
        {
            Arm();
        }
    }

    private async Task DispatchAsync(WorkflowSchedule schedule, DateTimeOffset at)
    {
        var ledger = executor.Ledger;
        ClusterRunView view;
        try
        {
            var loaded = await WorkflowLoader.LoadFromLedgerAsync(ledger, schedule.Workflow, CancellationToken.None).ConfigureAwait(true)
                ?? throw new InvalidOperationException($"no workflow named '{schedule.Workflow}' in the ledger; a cluster schedule dispatches a workflow by name (POST it to /workflows/specs)");
            var dispatch = await ClusterSpecs.LockAsync(ledger, loaded.Workflow, loaded.Agents, (JsonObject)schedule.Inputs.DeepClone(), null, loaded.Workflows, CancellationToken.None).ConfigureAwait(true);
            view = await GrainFactory.GetGrain<IWorkflowRunGrain>(ScheduleRunKeys.For(Key, at)).StartAsync(dispatch with { Schedule = Key, ScheduledAt = at }).ConfigureAwait(true);
        }
        catch (Exception ex) when (ex is SpecValidationException or InvalidOperationException)
        {
            await ledger.UpdateScheduleFireAsync(Key, at, ScheduleFireStatus.Failed, null, $"the workflow could not be dispatched: {ex.Message}").ConfigureAwait(true);
            return;
        }

        // The run grain records the fire's end (and a refused start); an end already recorded is never overwritten.
        if (view.RunId is { } runId)
        {
            await ledger.UpdateScheduleFireAsync(Key, at, ScheduleFireStatus.Running, runId, null).ConfigureAwait(true);
        }

        LogFired(Key, at, view.Key, view.Silo);
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        _schedule = null;
        _error = null;
        try
        {
            var spec = await ClusterSpecs.LoadAsync(executor.Ledger, SpecKind.Workflow, state.State.SpecVersionId!, cancellationToken).ConfigureAwait(true);
            _schedule = ScheduleReader.Read((WorkflowSpec)spec, $"workflow spec version {state.State.SpecVersionId}").FirstOrDefault(s => s.Node == state.State.Node)
                ?? throw new InvalidOperationException($"the spec has no schedule node '{state.State.Node}'");
        }
        catch (Exception ex) when (ex is InvalidOperationException or SpecValidationException or InvalidCastException)
        {
            _error = ex.Message;
            LogUnreadable(Key, ex.Message);
        }
    }

    private void Arm()
    {
        if (!state.State.Active || _schedule is null)
        {
            _timer?.Dispose();
            _timer = null;
            return;
        }

        var now = executor.Time.GetUtcNow();
        // A run_all catch-up longer than one pass goes on at once; otherwise the next occurrence.
        var due = _deferred ? TimerSlack : _schedule.NextAfter(now) is { } next ? next - now + TimerSlack : LongestTimer;
        due = due > LongestTimer ? LongestTimer : due;
        if (_timer is null)
        {
            // KeepAlive: a registered schedule stays active between fires (its reminder would bring it back anyway).
            _timer = this.RegisterGrainTimer(PassAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task UnregisterAsync()
    {
        if (await this.GetReminder(ReminderName).ConfigureAwait(true) is { } reminder)
        {
            await this.UnregisterReminder(reminder).ConfigureAwait(true);
        }
    }

    private ClusterScheduleView View() => new(
        Key,
        state.State.Active && _schedule is not null,
        state.State.SpecVersionId,
        _schedule?.Expression,
        _schedule?.Workflow,
        state.State.Active ? _schedule?.NextAfter(executor.Time.GetUtcNow()) : null,
        executor.Silo,
        _error);

    [LoggerMessage(Level = LogLevel.Information, Message = "schedule {Key}: fire {At} dispatched as cluster run {RunKey} on node {Silo}")]
    private partial void LogFired(string key, DateTimeOffset at, string runKey, string? silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "schedule {Key}: {Count} late fire(s) skipped (missed: {Missed})")]
    private partial void LogSkipped(string key, int count, MissedFirePolicy missed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "schedule {Key}: a pass failed, the next tick retries: {Reason}")]
    private partial void LogPassFailed(string key, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "schedule {Key}: its spec cannot be read: {Reason}")]
    private partial void LogUnreadable(string key, string reason);
}
