using Alpha.Platform.Pricing;
using Alpha.Platform.Specs;

namespace Alpha.Workflows.Control;

/// <summary>
/// One run's spending against its <see cref="CostCaps"/>: tokens per node execution and priced US dollars per
/// run, from the usage the model servers report. Thread-safe (nodes of one superstep run concurrently).
/// A nested workflow's child run has its own meter under its parent's (<see cref="Child"/>): a call counts
/// against the caps of the child and of every enclosing run.
/// </summary>
public sealed class CostMeter
{
    private readonly object _gate = new();
    private readonly CostMeter? _parent;
    private readonly Dictionary<string, long> _nodeTokens = new(StringComparer.Ordinal);
    private decimal _runUsd;

    /// <summary>Creates a meter for caps <paramref name="caps"/> priced with <paramref name="prices"/>.</summary>
    public CostMeter(CostCaps? caps, PriceTable prices)
    {
        Caps = caps ?? new CostCaps();
        Prices = prices ?? throw new ArgumentNullException(nameof(prices));
    }

    private CostMeter(CostCaps? caps, PriceTable prices, CostMeter parent)
        : this(caps, prices)
    {
        _parent = parent;
    }

    /// <summary>The caps enforced.</summary>
    public CostCaps Caps { get; }

    /// <summary>The pricing table.</summary>
    public PriceTable Prices { get; }

    /// <summary>Dollars spent so far in the run.</summary>
    public decimal RunUsd
    {
        get
        {
            lock (_gate)
            {
                return _runUsd;
            }
        }
    }

    /// <summary>Tokens used so far by node execution <paramref name="nodeExecution"/>.</summary>
    public long NodeTokens(string nodeExecution)
    {
        lock (_gate)
        {
            return _nodeTokens.GetValueOrDefault(nodeExecution);
        }
    }

    /// <summary>A meter for a child run with its own <paramref name="caps"/>; its usage also counts against this meter's caps.</summary>
    public CostMeter Child(CostCaps? caps) => new(caps, Prices, this);

    /// <summary>Refuses a call whose estimated prompt would pass a cap (the call is then not made).</summary>
    /// <exception cref="CostCapExceededException">A cap would be passed.</exception>
    public void CheckBefore(string nodeExecution, string model, long estimatedInputTokens, long? nodeCap)
    {
        lock (_gate)
        {
            var cap = nodeCap ?? Caps.PerNodeMaxTokens;
            var tokens = _nodeTokens.GetValueOrDefault(nodeExecution) + estimatedInputTokens;
            if (cap is { } c && tokens > c)
            {
                throw new CostCapExceededException("per_node_max_tokens", c, tokens, beforeCall: true);
            }

            if (Caps.PerRunMaxUsd is { } usd && Prices.Cost(model, estimatedInputTokens, 0) is { } estimate && _runUsd + estimate > usd)
            {
                throw new CostCapExceededException("per_run_max_usd", usd, _runUsd + estimate, beforeCall: true);
            }
        }

        _parent?.CheckBefore(nodeExecution, model, estimatedInputTokens, null);
    }

    /// <summary>Adds a finished call's real usage; throws when it took the node or the run over a cap.</summary>
    /// <exception cref="CostCapExceededException">A cap was passed by this call.</exception>
    public void Add(string nodeExecution, string model, long inputTokens, long outputTokens, long? nodeCap)
    {
        CostCapExceededException? passed = null;
        lock (_gate)
        {
            var tokens = _nodeTokens[nodeExecution] = _nodeTokens.GetValueOrDefault(nodeExecution) + inputTokens + outputTokens;
            _runUsd += Prices.Cost(model, inputTokens, outputTokens) ?? 0m;
            var cap = nodeCap ?? Caps.PerNodeMaxTokens;
            if (cap is { } c && tokens > c)
            {
                passed = new CostCapExceededException("per_node_max_tokens", c, tokens, beforeCall: false);
            }
            else if (Caps.PerRunMaxUsd is { } usd && _runUsd > usd)
            {
                passed = new CostCapExceededException("per_run_max_usd", usd, _runUsd, beforeCall: false);
            }
        }

        // Every enclosing run counts the call too, whichever cap it passed.
        _parent?.Add(nodeExecution, model, inputTokens, outputTokens, null);
        if (passed is not null)
        {
            throw passed;
        }
    }
}
