using System.Text.Json;
using Alpha.Platform.Ledger;

namespace Alpha.Workflows.Execution;

/// <summary>
/// Writes one run's frames and node executions to the ledger in emission order. Nodes of one superstep finish
/// concurrently: writes are serialised here, and frames get consecutive sequence numbers. Token frames are
/// buffered and written with the next node transition (one transaction per transition, not per token).
/// </summary>
internal sealed class RunJournal(ILedgerStore ledger, string runId, string taskId, TimeProvider time, Action<RunFrame>? onFrame) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<RunFrame> _buffered = [];
    private readonly object _bufferGate = new();
    private long _sequence;

    public string RunId => runId;

    /// <summary>A frame written at the next <see cref="WriteAsync"/> (agent tokens).</summary>
    public void Buffer(string stage, string message, object? extras = null)
    {
        lock (_bufferGate)
        {
            _buffered.Add(Frame(stage, message, extras));
        }
    }

    /// <summary>Writes a transition frame, with any agent runs and steps, and optionally a new run status.</summary>
    public async Task<WorkflowRun> WriteAsync(string stage, string message, object? extras = null, AgentRunRecord? agentRun = null, IReadOnlyList<AgentRunStep>? steps = null, RunStatus? status = null, string? error = null)
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            List<RunFrame> frames;
            lock (_bufferGate)
            {
                _buffered.Add(Frame(stage, message, extras));
                frames = [.. _buffered];
                _buffered.Clear();
            }

            // The ledger write is not cancellable: a killed run must still record how it ended.
            return await ledger.AppendAsync(runId, new LedgerBatch(agentRun is null ? [] : [agentRun], steps ?? [], frames, status, error), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private RunFrame Frame(string stage, string message, object? extras)
    {
        var frame = new RunFrame(runId, Interlocked.Increment(ref _sequence), taskId, stage, message, time.GetUtcNow(), extras is null ? "{}" : JsonSerializer.Serialize(extras, JsonOptions));
        onFrame?.Invoke(frame);
        return frame;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
