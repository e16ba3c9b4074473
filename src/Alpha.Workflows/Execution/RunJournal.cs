using System.Text.Json;
using Alpha.Platform.Ledger;

namespace Alpha.Workflows.Execution;

/// <summary>
/// Writes one run's frames and node executions to the ledger in emission order, by group commit. A transition
/// (<see cref="Append"/>) is queued and the node goes on; one writer at a time takes everything queued so far and
/// writes it in one ledger transaction, so a chain of fast nodes costs one commit per batch instead of two per
/// node. An idle writer is started <see cref="CommitDelay"/> after the first queued transition (not once per
/// transition), so fast nodes do not pay a thread-pool hop each. <see cref="WriteAsync"/> (run status changes) waits until its transition and every one before it is
/// committed. Frames get consecutive sequence numbers and reach <c>onFrame</c> (live surfaces, the watchdog) when
/// they are emitted, not when they are committed. Token frames (<see cref="Buffer"/>) wait for the next transition.
/// </summary>
/// <remarks>
/// What a crash can lose: the transitions queued behind the commit in flight, or queued within the last
/// <see cref="CommitDelay"/> (at most one batch). A failed write is kept in <see cref="Failure"/>: the run halts (no further
/// node starts, see <see cref="RunState.Halted"/>) and its closing write reports what failed.
/// </remarks>
internal sealed class RunJournal(ILedgerStore ledger, string runId, string taskId, TimeProvider time, Action<RunFrame>? onFrame)
{
    /// <summary>How long queued transitions wait for company before an idle writer starts.</summary>
    public static readonly TimeSpan CommitDelay = TimeSpan.FromMilliseconds(1);

    private readonly object _gate = new();
    private ITimer? _timer;
    private bool _armed;
    private Pending _pending = new();
    private Pending? _inFlight;
    private bool _writing;
    private long _sequence;
    private Exception? _failure;

    public string RunId => runId;

    /// <summary>The first ledger write that failed, if any.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>A frame written with the next transition (agent tokens: one per streamed update, too many for a commit each).</summary>
    public void Buffer(string stage, string message, object? extras = null)
    {
        lock (_gate)
        {
            _pending.Frames.Add(Frame(stage, message, extras));
        }
    }

    /// <summary>Queues a transition frame, with any agent run and its steps; written by the next group commit.</summary>
    public void Append(string stage, string message, object? extras = null, AgentRunRecord? agentRun = null, IReadOnlyList<AgentRunStep>? steps = null) =>
        _ = Enqueue(stage, message, extras, agentRun, steps, null, null, waited: false);

    /// <summary>Queues a transition (optionally a new run status) and waits until it and every earlier one are committed.</summary>
    public Task<WorkflowRun> WriteAsync(string stage, string message, object? extras = null, RunStatus? status = null, string? error = null) =>
        Enqueue(stage, message, extras, null, null, status, error, waited: true)!;

    /// <summary>Waits until everything queued so far is committed or refused (a refusal is kept in <see cref="Failure"/>, not thrown).</summary>
    public async Task FlushAsync()
    {
        Pending? last;
        var start = false;
        lock (_gate)
        {
            // Buffered token frames alone do not start the writer: a flush does.
            last = _pending.Frames.Count > 0 ? _pending : _inFlight;
            if (last is null)
            {
                return;
            }

            if (last == _pending)
            {
                start = !_writing;
                _writing = true;
            }
        }

        if (start)
        {
            _ = Task.Run(WriteLoopAsync);
        }

        try
        {
            await last.Committed.Task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Kept in Failure by the writer.
        }
    }

    private Task<WorkflowRun>? Enqueue(string stage, string message, object? extras, AgentRunRecord? agentRun, IReadOnlyList<AgentRunStep>? steps, RunStatus? status, string? error, bool waited)
    {
        Task<WorkflowRun>? committed = null;
        bool start;
        lock (_gate)
        {
            // Under the lock: sequence numbers and queue order are the same order.
            var pending = _pending;
            pending.Frames.Add(Frame(stage, message, extras));
            if (agentRun is not null)
            {
                pending.AgentRuns.Add(agentRun);
            }

            if (steps is not null)
            {
                pending.Steps.AddRange(steps);
            }

            if (status is not null)
            {
                (pending.Status, pending.Error) = (status, error);
            }

            if (waited)
            {
                committed = pending.Committed.Task;
                start = !_writing;
                _writing = true;
            }
            else
            {
                start = false;
                if (!_writing && !_armed)
                {
                    // The real clock on purpose: the delay only gathers writes, and a test's manual clock must not hold
                    // commits back. A one-shot timer leaves the timer queue once it fired, so nothing outlives the run.
                    _armed = true;
                    (_timer ??= TimeProvider.System.CreateTimer(static state => ((RunJournal)state!).StartDelayed(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan))
                        .Change(CommitDelay, Timeout.InfiniteTimeSpan);
                }
            }
        }

        if (start)
        {
            _ = Task.Run(WriteLoopAsync);
        }

        return committed;
    }

    /// <summary>The commit delay is over: starts the writer unless one runs (which takes what is queued) or nothing is.</summary>
    private void StartDelayed()
    {
        lock (_gate)
        {
            _armed = false;
            if (_writing || _pending.Frames.Count == 0)
            {
                return;
            }

            _writing = true;
        }

        // Already on a thread-pool thread (the timer's).
        _ = WriteLoopAsync();
    }

    private async Task WriteLoopAsync()
    {
        while (true)
        {
            Pending batch;
            lock (_gate)
            {
                if (_pending.Frames.Count == 0)
                {
                    (_writing, _inFlight) = (false, null);
                    return;
                }

                (batch, _pending) = (_pending, new Pending());
                _inFlight = batch;
            }

            try
            {
                // Not cancellable: a killed run must still record how it ended.
                var run = await ledger.AppendAsync(runId, new LedgerBatch(batch.AgentRuns, batch.Steps, batch.Frames, batch.Status, batch.Error), CancellationToken.None).ConfigureAwait(false);
                batch.Committed.TrySetResult(run);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Interlocked.CompareExchange(ref _failure, ex, null);
                batch.Committed.TrySetException(ex);

                // Observed here (a batch of queued transitions has no waiter); Failure keeps it for the run.
                _ = batch.Committed.Task.Exception;
            }
        }
    }

    private RunFrame Frame(string stage, string message, object? extras)
    {
        var frame = new RunFrame(runId, ++_sequence, taskId, stage, message, time.GetUtcNow(), extras is null ? "{}" : JsonSerializer.Serialize(extras, JsonOptions));
        onFrame?.Invoke(frame);
        return frame;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>What the next group commit writes.</summary>
    private sealed class Pending
    {
        public List<RunFrame> Frames { get; } = [];

        public List<AgentRunRecord> AgentRuns { get; } = [];

        public List<AgentRunStep> Steps { get; } = [];

        public RunStatus? Status { get; set; }

        public string? Error { get; set; }

        public TaskCompletionSource<WorkflowRun> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
