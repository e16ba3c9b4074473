using Alpha.Runtime.Events;
using Alpha.Runtime.Schemas;

namespace Alpha.Runtime.Memory;

/// <summary>
/// The append-only memory of one execution: signals (unique ids), accepted hypotheses and events.
/// Safe under concurrent writers; reads return snapshots.
/// </summary>
public sealed class StructuredMemory
{
    private readonly Lock _gate = new();
    private readonly List<Signal> _signals = [];
    private readonly Dictionary<string, Signal> _signalsById = new(StringComparer.Ordinal);
    private readonly List<Hypothesis> _hypotheses = [];
    private readonly List<RuntimeEvent> _events = [];

    /// <summary>Adds a signal.</summary>
    /// <exception cref="InvalidOperationException">A signal with the same id is already stored (ids are unique within an execution).</exception>
    public void AddSignal(Signal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        lock (_gate)
        {
            if (!_signalsById.TryAdd(signal.Id, signal))
            {
                throw new InvalidOperationException($"Signal id '{signal.Id}' was added twice; signal ids must be unique within an execution.");
            }

            _signals.Add(signal);
        }
    }

    /// <summary>Adds every signal of <paramref name="signals"/>, in order.</summary>
    public void AddSignals(IEnumerable<Signal> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        foreach (var signal in signals)
        {
            AddSignal(signal);
        }
    }

    /// <summary>Adds an accepted hypothesis.</summary>
    public void AddHypothesis(Hypothesis hypothesis)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        lock (_gate)
        {
            _hypotheses.Add(hypothesis);
        }
    }

    /// <summary>Records an event.</summary>
    public void AddEvent(RuntimeEvent runtimeEvent)
    {
        ArgumentNullException.ThrowIfNull(runtimeEvent);
        lock (_gate)
        {
            _events.Add(runtimeEvent);
        }
    }

    /// <summary>True when a signal with <paramref name="id"/> was stored.</summary>
    public bool ContainsSignal(string id)
    {
        lock (_gate)
        {
            return _signalsById.ContainsKey(id);
        }
    }

    /// <summary>The signal with <paramref name="id"/>, or null.</summary>
    public Signal? FindSignal(string id)
    {
        lock (_gate)
        {
            return _signalsById.GetValueOrDefault(id);
        }
    }

    /// <summary>Snapshot of the signals, in insertion order.</summary>
    public IReadOnlyList<Signal> Signals
    {
        get
        {
            lock (_gate)
            {
                return [.. _signals];
            }
        }
    }

    /// <summary>Snapshot of the accepted hypotheses, in insertion order.</summary>
    public IReadOnlyList<Hypothesis> Hypotheses
    {
        get
        {
            lock (_gate)
            {
                return [.. _hypotheses];
            }
        }
    }

    /// <summary>Snapshot of the recorded events, in insertion order.</summary>
    public IReadOnlyList<RuntimeEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }
}
