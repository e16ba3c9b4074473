using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Workflows.Control;
using Alpha.Workflows.Llm;

namespace Alpha.Workflows.Execution;

/// <summary>One run's shared state while it executes: journal, meter, outputs, in-flight nodes and how it is ending.</summary>
internal sealed class RunState(RunJournal journal, CostMeter meter, IReadOnlyDictionary<string, string> versions, JsonObject inputs, RecordedCalls? recorded, CancellationToken token)
{
    private readonly ConcurrentBag<Task> _inFlight = [];
    private readonly object _gate = new();
    private (RunStatus Status, string? Error) _outcome = (RunStatus.Completed, null);

    public RunJournal Journal => journal;

    public CostMeter Meter => meter;

    public IReadOnlyDictionary<string, string> Versions => versions;

    public JsonObject Inputs => inputs;

    public RecordedCalls? Recorded => recorded;

    /// <summary>Cancelled when the run is killed or its caller cancels.</summary>
    public CancellationToken Token => token;

    public ConcurrentDictionary<string, string> Outputs { get; } = new(StringComparer.Ordinal);

    /// <summary>The run's watchdog (stall detection); null when none watches it.</summary>
    public RunWatchdog? Watchdog { get; init; }

    /// <summary>True once a node failed, hit a cap, or a ledger write failed: no further node starts.</summary>
    public bool Halted => Outcome.Status != RunStatus.Completed;

    public (RunStatus Status, string? Error) Outcome
    {
        get
        {
            lock (_gate)
            {
                // A transition the ledger refused fails the run: it must not go on unrecorded.
                return _outcome.Status == RunStatus.Completed && journal.Failure is { } failure
                    ? (RunStatus.Failed, $"the ledger refused a write: {failure.Message}")
                    : _outcome;
            }
        }
    }

    /// <summary>Ends the run as failed (the first reason wins; a cap is never downgraded).</summary>
    public void Fail(string error) => Set(RunStatus.Failed, error);

    /// <summary>Ends the run as capped.</summary>
    public void Cap(string error) => Set(RunStatus.Capped, error);

    public void Track(Task work) => _inFlight.Add(work);

    /// <summary>Waits for every node execution that started (a killed node records its cancellation before the run closes).</summary>
    public async Task DrainAsync()
    {
        try
        {
            await Task.WhenAll(_inFlight).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Fail($"a node did not finish cleanly: {ex.Message}");
        }
    }

    private void Set(RunStatus status, string error)
    {
        lock (_gate)
        {
            if (_outcome.Status == RunStatus.Completed)
            {
                _outcome = (status, error);
            }
        }
    }
}
