using System.Collections.Concurrent;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;

namespace Alpha.Workflows.Scheduling;

/// <summary>
/// Fires schedules: at each pass it computes the due fires of every schedule (<see cref="FirePlanner"/>, after the
/// latest fire the ledger holds, so a restart resumes where the last scheduler stopped), claims each fire by inserting
/// its schedule_fires row (the unique key (schedule, scheduled_at) makes a second scheduler, in this or another
/// process, skip it), dispatches the workflow on the <see cref="WorkflowRuntime"/>, links the fire to its run and
/// records how it ended. See docs/workflows.md, Schedules.
/// </summary>
public sealed class WorkflowScheduler(WorkflowSchedulerOptions options)
{
    private readonly WorkflowSchedulerOptions _options = Validate(options);
    private readonly Dictionary<string, DateTimeOffset> _cursors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _versions = new(StringComparer.Ordinal);

    /// <summary>
    /// Fires what is due at <paramref name="asOf"/> (now when null), waits for the dispatched runs and returns how each
    /// fire this scheduler claimed ended (fires claimed elsewhere are not in the list).
    /// </summary>
    public async Task<IReadOnlyList<ScheduledRun>> RunOnceAsync(DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        await LockSpecsAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<Task<ScheduledRun>>();
        var now = asOf ?? _options.Time.GetUtcNow();
        bool more;
        do
        {
            (var started, more) = await PassAsync(now, cancellationToken).ConfigureAwait(false);
            runs.AddRange(started);
        }
        while (more);

        return await Task.WhenAll(runs).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled: a pass, then sleeps (on the <see cref="TimeProvider"/>)
    /// until the next occurrence of any schedule. On cancellation the runs in flight are cancelled (recorded so) and
    /// awaited before it returns.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        await LockSpecsAsync(cancellationToken).ConfigureAwait(false);
        var now = _options.Time.GetUtcNow();
        foreach (var schedule in _options.Schedules)
        {
            var next = schedule.NextAfter(now);
            Emit("schedule.started", schedule.Key, next, null, $"{schedule.Expression} ({schedule.TimeZone.Id}) -> {schedule.Workflow}; missed: {Name(schedule.Missed)}; next {Format(next)}");
        }

        var running = new List<Task<ScheduledRun>>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                now = _options.Time.GetUtcNow();
                var (started, more) = await PassAsync(now, cancellationToken).ConfigureAwait(false);
                running.AddRange(started);
                running.RemoveAll(t => t.IsCompleted);
                if (more)
                {
                    continue;
                }

                var (schedule, next) = _options.Schedules
                    .Select(s => (s, next: s.NextAfter(now)))
                    .Where(p => p.next is not null)
                    .OrderBy(p => p.next)
                    .FirstOrDefault();
                var wait = next is { } at ? at - now : _options.MaxWait;
                wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > _options.MaxWait ? _options.MaxWait : wait;

                // The delay (its timer) exists before the event says so: a test that advances its clock on the event cannot miss it.
                var delay = Task.Delay(wait, _options.Time, cancellationToken);
                Emit("schedule.waiting", schedule?.Key ?? string.Empty, next, null, $"next fire {Format(next)}{(schedule is null ? string.Empty : " of " + schedule.Key)}");
                try
                {
                    await delay.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the runs in flight end cancelled below.
        }
        finally
        {
            await Task.WhenAll(running).ConfigureAwait(false);
            Emit("schedule.stopped", string.Empty, null, null, $"scheduler stopped ({running.Count(t => t.Result.Status != ScheduleFireStatus.Completed)} run(s) in flight at the stop did not complete)");
        }
    }

    private async Task<(List<Task<ScheduledRun>> Started, bool More)> PassAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var started = new List<Task<ScheduledRun>>();
        var more = false;
        foreach (var schedule in _options.Schedules)
        {
            var last = await _options.Ledger.GetLastScheduleFireAsync(schedule.Key, cancellationToken).ConfigureAwait(false);

            // First pass: after the latest fire in the ledger (what was missed since is late), or, for a schedule never
            // fired, after now - grace (nothing before this scheduler's start counts as missed). Then after the last pass.
            var since = _cursors.TryGetValue(schedule.Key, out var cursor)
                ? (last is { } l && l > cursor ? l : cursor)
                : last ?? now - schedule.Grace;
            var plan = FirePlanner.Plan(schedule, since, now, _options.MaxFiresPerPass);
            if (plan.Skipped > 0)
            {
                Emit("schedule.fire.skipped", schedule.Key, null, null, $"{plan.Skipped} late fire(s) after {Format(since)} skipped (missed: {Name(schedule.Missed)}, grace {schedule.Grace.TotalSeconds:0.###} s)");
            }

            foreach (var at in plan.Fires)
            {
                var version = _versions.GetValueOrDefault(schedule.Spec.Name);
                if (!await _options.Ledger.ClaimScheduleFireAsync(schedule.Key, at, schedule.Workflow, version, cancellationToken).ConfigureAwait(false))
                {
                    Emit("schedule.fire.taken", schedule.Key, at, null, $"fire {Format(at)} already claimed by another scheduler");
                    continue;
                }

                Emit("schedule.fire.claimed", schedule.Key, at, null, $"fire {Format(at)} claimed{(now - at > schedule.Grace ? $" (late by {(now - at).TotalSeconds:0} s)" : string.Empty)}; dispatching {schedule.Workflow}");
                started.Add(DispatchAsync(schedule, at, cancellationToken));
            }

            _cursors[schedule.Key] = plan.Cursor;
            more |= plan.Deferred;
        }

        return (started, more);
    }

    private async Task<ScheduledRun> DispatchAsync(WorkflowSchedule schedule, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Off the pass: the next fire's claim does not wait for this run.
        await Task.Yield();
        var ledger = _options.Ledger;
        string? runId = null;
        ScheduleFireStatus status;
        string? error;
        try
        {
            var target = await _options.Resolve(schedule, cancellationToken).ConfigureAwait(false);
            var dispatch = new WorkflowDispatch(
                target.Workflow,
                target.Agents,
                (System.Text.Json.Nodes.JsonObject)schedule.Inputs.DeepClone(),
                Workflows: target.Workflows,
                RunCreated: async (run, _) =>
                {
                    runId = run.RunId;
                    try
                    {
                        await ledger.UpdateScheduleFireAsync(schedule.Key, at, ScheduleFireStatus.Running, run.RunId, null, CancellationToken.None).ConfigureAwait(false);
                        Emit("schedule.fire.running", schedule.Key, at, run.RunId, $"fire {Format(at)} is run {run.RunId} ({target.Workflow.Name})");
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // The run goes on; its id is written with the fire's outcome.
                        Emit("schedule.fire.running", schedule.Key, at, run.RunId, $"fire {Format(at)} is run {run.RunId}; linking it failed for now: {ex.Message}");
                    }
                });
            var result = await _options.Runtime.RunAsync(dispatch, cancellationToken).ConfigureAwait(false);
            (runId, status, error) = (result.Run.RunId, ToFireStatus(result.Run.Status), result.Run.Error);
        }
        catch (SpecValidationException ex)
        {
            (status, error) = (ScheduleFireStatus.Failed, $"the workflow could not be dispatched: {ex.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            (status, error) = (ScheduleFireStatus.Cancelled, "the scheduler stopped before the run started");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            (status, error) = (ScheduleFireStatus.Failed, $"{ex.GetType().Name}: {ex.Message}");
        }

        // The outcome is recorded even when the scheduler is stopping.
        await ledger.UpdateScheduleFireAsync(schedule.Key, at, status, runId, error, CancellationToken.None).ConfigureAwait(false);
        Emit($"schedule.fire.{Name(status)}", schedule.Key, at, runId, error ?? $"fire {Format(at)} completed (run {runId})");
        return new ScheduledRun(schedule.Key, at, status, runId, error);
    }

    private async Task LockSpecsAsync(CancellationToken cancellationToken)
    {
        foreach (var spec in _options.Schedules.Select(s => s.Spec).DistinctBy(s => s.Name))
        {
            if (!_versions.ContainsKey(spec.Name))
            {
                _versions[spec.Name] = (await _options.Ledger.SnapshotAsync(spec, cancellationToken).ConfigureAwait(false)).VersionId;
            }
        }
    }

    private void Emit(string stage, string schedule, DateTimeOffset? at, string? runId, string message) =>
        _options.OnEvent?.Invoke(new ScheduleEvent(stage, schedule, at, runId, message, _options.Time.GetUtcNow()));

    private static ScheduleFireStatus ToFireStatus(RunStatus status) => status switch
    {
        RunStatus.Completed => ScheduleFireStatus.Completed,
        RunStatus.Cancelled => ScheduleFireStatus.Cancelled,
        RunStatus.Capped => ScheduleFireStatus.Capped,
        _ => ScheduleFireStatus.Failed,
    };

    private static string Name<T>(T value)
        where T : struct, Enum => Alpha.Runtime.Schemas.JsonEnumNames.ToName(value);

    private static string Format(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : "(none)";

    private static WorkflowSchedulerOptions Validate(WorkflowSchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Schedules);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxFiresPerPass);
        var duplicate = options.Schedules.GroupBy(s => s.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? options : throw new ArgumentException($"schedule '{duplicate.Key}' is given twice", nameof(options));
    }
}
