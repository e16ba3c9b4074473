using Alpha.Platform.Pricing;
using Alpha.Platform.Specs;

namespace Alpha.Workflows.Control;

/// <summary>
/// One run's spending against its <see cref="CostCaps"/>: tokens per node execution and priced US dollars per
/// run, from the usage the model servers report. Thread-safe (nodes of one superstep run concurrently).
/// </summary>
public sealed class CostMeter
{
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _nodeTokens = new(StringComparer.Ordinal);
    private decimal _runUsd;

    /// <summary>Creates a meter for caps <paramref name="caps"/> priced with <paramref name="prices"/>.</summary>
    public CostMeter(CostCaps? caps, PriceTable prices)
    {
        Caps = caps ?? new CostCaps();
        Prices = prices ?? throw new ArgumentNullException(nameof(prices));
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
    }

    /// <summary>Adds a finished call's real usage; throws when it took the node or the run over a cap.</summary>
    /// <exception cref="CostCapExceededException">A cap was passed by this call.</exception>
    public void Add(string nodeExecution, string model, long inputTokens, long outputTokens, long? nodeCap)
    {
        lock (_gate)
        {
            var tokens = _nodeTokens[nodeExecution] = _nodeTokens.GetValueOrDefault(nodeExecution) + inputTokens + outputTokens;
            _runUsd += Prices.Cost(model, inputTokens, outputTokens) ?? 0m;
            var cap = nodeCap ?? Caps.PerNodeMaxTokens;
            if (cap is { } c && tokens > c)
            {
                throw new CostCapExceededException("per_node_max_tokens", c, tokens, beforeCall: false);
            }

            if (Caps.PerRunMaxUsd is { } usd && _runUsd > usd)
            {
                throw new CostCapExceededException("per_run_max_usd", usd, _runUsd, beforeCall: false);
            }
        }
    }
}
