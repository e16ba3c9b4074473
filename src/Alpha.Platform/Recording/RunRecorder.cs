using System.Text.Json;
using Alpha.Platform.Ledger;
using Alpha.Runtime.Events;
using Alpha.Runtime.Schemas;

namespace Alpha.Platform.Recording;

/// <summary>
/// Records one execution in the ledger from the runtime's event stream: every event becomes a frame; an agent's
/// start opens an agent run in memory, each of its model calls becomes a priced step, and its end writes the
/// agent run with its steps and the frames so far in one transaction (agent runs that end together share one). <see cref="FinishAsync"/> closes the run
/// with its final status. What is in the ledger is therefore always whole: an agent run is never written
/// without its steps, and a run whose process dies stays <c>running</c> until
/// <see cref="ILedgerStore.FailAbandonedRunsAsync"/> marks it failed.
/// </summary>
public sealed class RunRecorder : IAsyncDisposable
{
    private readonly ILedgerStore _store;
    private readonly EventSubscription _subscription;
    private readonly RunRecorderOptions _options;
    private readonly Dictionary<string, OpenAgentRun> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OpenAgentRun> _ended = new(StringComparer.Ordinal);
    private readonly List<AgentRunRecord> _agentRuns = [];
    private readonly List<AgentRunStep> _steps = [];
    private readonly List<RunFrame> _frames = [];
    private readonly Task _pump;
    private readonly CancellationTokenSource _stopHeartbeat = new();
    private readonly Task _heartbeat;
    private long _sequence;
    private Exception? _writeError;
    private bool _finished;

    private RunRecorder(ILedgerStore store, WorkflowRun run, EventSubscription subscription, RunRecorderOptions options)
    {
        _store = store;
        Run = run;
        _subscription = subscription;
        _options = options;
        _pump = Task.Run(PumpAsync);
        _heartbeat = Task.Run(HeartbeatAsync);
    }

    /// <summary>The run being recorded (as created).</summary>
    public WorkflowRun Run { get; }

    /// <summary>The run's id.</summary>
    public string RunId => Run.RunId;

    /// <summary>
    /// Subscribes to <paramref name="events"/> for <paramref name="executionId"/> (without loss: the buffer is
    /// unbounded), then opens the run. Call it before starting the execution.
    /// </summary>
    public static async Task<RunRecorder> StartAsync(ILedgerStore store, EventHub events, string executionId, NewRun run, RunRecorderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentException.ThrowIfNullOrWhiteSpace(executionId);
        ArgumentNullException.ThrowIfNull(run);
        var subscription = events.Subscribe(capacity: null, filter: e => e.ExecutionId == executionId);
        try
        {
            var created = await store.CreateRunAsync(run with { TaskId = run.TaskId ?? executionId, Owner = run.Owner ?? RunOwner.Current }, cancellationToken).ConfigureAwait(false);
            return new RunRecorder(store, created, subscription, options ?? new RunRecorderOptions());
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits for <paramref name="execution"/> to end (its exception is not rethrown here), records the rest of
    /// its events and closes the run: <c>completed</c>, <c>cancelled</c>, or <c>failed</c> with the exception's
    /// message. Returns the finished run.
    /// </summary>
    /// <exception cref="InvalidOperationException">A ledger write failed; the run was marked failed if the store still accepted writes.</exception>
    public async Task<WorkflowRun> FinishAsync(Task execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        try
        {
            await execution.ConfigureAwait(false);
        }
        catch
        {
            // The outcome is read from the task below; the caller observes the exception itself.
        }

        var (status, error) = execution.Status switch
        {
            TaskStatus.RanToCompletion => (RunStatus.Completed, (string?)null),
            TaskStatus.Canceled => (RunStatus.Cancelled, "cancelled by the caller"),
            _ when execution.Exception?.InnerException is OperationCanceledException => (RunStatus.Cancelled, "cancelled by the caller"),
            _ => (RunStatus.Failed, Describe(execution.Exception?.InnerException)),
        };
        return await CloseAsync(status, error, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the run with <paramref name="status"/> (a final status) after recording every event received so far.</summary>
    public async Task<WorkflowRun> CloseAsync(RunStatus status, string? error, CancellationToken cancellationToken = default)
    {
        if (!LedgerNames.IsFinal(status))
        {
            throw new ArgumentException("A run closes with a final status.", nameof(status));
        }

        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        _subscription.Complete();
        await _pump.ConfigureAwait(false);
        _subscription.Dispose();
        await StopHeartbeatAsync().ConfigureAwait(false);

        var now = _options.Time.GetUtcNow();
        foreach (var open in _open.Values.ToArray())
        {
            // An agent that never reported its end (the run was cancelled or failed around it).
            Close(open, status == RunStatus.Cancelled ? AgentRunStatus.Cancelled : AgentRunStatus.Failed, null, now, "the agent did not finish before the run ended");
        }

        if (_writeError is not null)
        {
            status = RunStatus.Failed;
            error = $"the ledger could not record the run: {_writeError.Message}";
            _agentRuns.Clear();
            _steps.Clear();
            _frames.Clear();
        }

        var finished = await _store.AppendAsync(RunId, new LedgerBatch([.. _agentRuns], [.. _steps], [.. _frames], status, error), cancellationToken).ConfigureAwait(false);
        return _writeError is null
            ? finished
            : throw new InvalidOperationException($"Recording run {RunId} failed: {_writeError.Message}", _writeError);
    }

    /// <summary>Stops listening. A run that was not finished stays running in the ledger (recoverable as abandoned).</summary>
    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        await StopHeartbeatAsync().ConfigureAwait(false);
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Disposal never throws; a write error was already kept for FinishAsync.
        }

        _stopHeartbeat.Dispose();
    }

    private static string Describe(Exception? exception) =>
        exception is null ? "failed" : $"{exception.GetType().Name}: {exception.Message}";

    private async Task StopHeartbeatAsync()
    {
        if (!_stopHeartbeat.IsCancellationRequested)
        {
            await _stopHeartbeat.CancelAsync().ConfigureAwait(false);
        }

        await _heartbeat.ConfigureAwait(false);
    }

    /// <summary>Renews the run's heartbeat until the run is closed, so that recovery on any host sees its process is alive.</summary>
    private async Task HeartbeatAsync()
    {
        var token = _stopHeartbeat.Token;
        try
        {
            while (true)
            {
                await Task.Delay(_options.HeartbeatInterval, _options.Time, token).ConfigureAwait(false);
                try
                {
                    if (!await _store.HeartbeatAsync(RunId, token).ConfigureAwait(false))
                    {
                        return; // closed elsewhere (recovered): nothing left to renew
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    // A missed renewal is not a failure of the run; the next one (or the run's own writes) follows.
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The run closed.
        }
    }

    private async Task PumpAsync()
    {
        var due = false;
        await foreach (var e in _subscription.ConfigureAwait(false))
        {
            due |= Observe(e);

            // Group commit: write when an agent run has ended and no further event is already waiting (events that
            // arrive together share one transaction), or when many frames are buffered.
            if (_writeError is null && ((due && !_subscription.Reader.TryPeek(out _)) || _frames.Count >= _options.FlushAfterFrames))
            {
                due = false;
                try
                {
                    await _store.AppendAsync(RunId, new LedgerBatch([.. _agentRuns], [.. _steps], [.. _frames]), CancellationToken.None).ConfigureAwait(false);
                    _agentRuns.Clear();
                    _steps.Clear();
                    _frames.Clear();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Keep consuming so the subscription never grows without bound; FinishAsync reports it.
                    _writeError = ex;
                }
            }
        }
    }

    /// <summary>Turns one event into rows; true when an agent run ended (a good moment to write).</summary>
    private bool Observe(RuntimeEvent e)
    {
        var frame = e.ToFrame();
        var row = new RunFrame(RunId, ++_sequence, frame.TaskId, frame.Stage, frame.Message, frame.Timestamp, SerializeExtras(frame.Extras));
        _frames.Add(row);
        _options.OnFrame?.Invoke(row);
        switch (e)
        {
            case AgentStarted started:
                _open[started.Agent] = new OpenAgentRun(LedgerIds.New("arun", _options.Time), started.Agent, started.Mode, started.Timestamp);
                return false;
            case ModelCallCompleted call:
                if (_open.TryGetValue(call.Agent, out var open))
                {
                    open.Steps.Add(Step(open, call));
                }
                else if (_ended.TryGetValue(call.Agent, out var ended))
                {
                    // A call that reports after its agent ended (a request aborted by cancellation or a timeout ends
                    // late): a step of that agent run, not a new one.
                    _steps.Add(Step(ended, call));
                }

                // Every other model call happens inside an agent run the executor opened (synthesis included); one
                // outside any agent run keeps its frame only.
                return false;
            case AgentCompleted done:
                return Close(done.Agent, AgentRunStatus.Completed, done.Mode, done.Timestamp, null);
            case AgentFailed failed:
                return Close(failed.Agent, AgentRunStatus.Failed, null, failed.Timestamp, failed.Error);
            case AgentTimedOut timedOut:
                return Close(timedOut.Agent, AgentRunStatus.TimedOut, null, timedOut.Timestamp, $"timed out after {timedOut.Timeout.TotalSeconds:0.###} s");
            case AgentCancelled cancelled:
                return Close(cancelled.Agent, AgentRunStatus.Cancelled, null, cancelled.Timestamp, "cancelled");
            default:
                return false;
        }
    }

    private AgentRunStep Step(OpenAgentRun run, ModelCallCompleted call) => new(
        LedgerIds.New("step", _options.Time),
        run.Id,
        RunId,
        ++run.StepCount,
        AgentRunStep.ModelKind,
        call.Model,
        call.Request,
        call.Response,
        call.InputTokens,
        call.OutputTokens,
        _options.Prices.Cost(call.Model, call.InputTokens, call.OutputTokens),
        call.LatencyMs,
        call.Error,
        call.Timestamp);

    private bool Close(string agent, AgentRunStatus status, string? mode, DateTimeOffset finishedAt, string? error)
    {
        if (!_open.TryGetValue(agent, out var open))
        {
            return false;
        }

        Close(open, status, mode, finishedAt, error);
        return true;
    }

    private void Close(OpenAgentRun open, AgentRunStatus status, string? mode, DateTimeOffset finishedAt, string? error)
    {
        _open.Remove(open.Agent);
        _ended[open.Agent] = open;
        var priced = open.Steps.Where(s => s.CostUsd is not null).ToArray();
        decimal? cost = open.Steps.Count == 0 ? 0m : priced.Length == 0 ? null : priced.Sum(s => s.CostUsd!.Value);
        _agentRuns.Add(new AgentRunRecord(
            open.Id,
            RunId,
            open.Agent,
            open.Agent,
            _options.AgentSpecVersions.GetValueOrDefault(open.Agent),
            mode ?? open.Mode,
            status,
            open.StartedAt,
            finishedAt < open.StartedAt ? open.StartedAt : finishedAt,
            open.Steps.Sum(s => s.InputTokens),
            open.Steps.Sum(s => s.OutputTokens),
            cost,
            error));
        _steps.AddRange(open.Steps);
    }

    private static string SerializeExtras(IReadOnlyDictionary<string, object?> extras)
    {
        try
        {
            return JsonSerializer.Serialize(extras, AlphaJson.Options);
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or JsonException)
        {
            return JsonSerializer.Serialize(new Dictionary<string, string> { ["unserializable_extras"] = ex.Message });
        }
    }

    private sealed record OpenAgentRun(string Id, string Agent, string Mode, DateTimeOffset StartedAt)
    {
        public List<AgentRunStep> Steps { get; } = [];

        public int StepCount { get; set; }
    }
}
