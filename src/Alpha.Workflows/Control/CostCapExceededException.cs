namespace Alpha.Workflows.Control;

/// <summary>A cost cap stopped a model call (before it was made) or the run (after a call overran it).</summary>
public sealed class CostCapExceededException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="cap"><c>per_node_max_tokens</c> or <c>per_run_max_usd</c>.</param>
    /// <param name="limit">The cap's value.</param>
    /// <param name="actual">What the node or run used (or would have used).</param>
    /// <param name="beforeCall">True when the call was refused on its estimate, false when an answered call overran.</param>
    public CostCapExceededException(string cap, decimal limit, decimal actual, bool beforeCall)
        : base(Describe(cap, limit, actual, beforeCall))
    {
        Cap = cap;
        Limit = limit;
        Actual = actual;
        BeforeCall = beforeCall;
    }

    /// <summary><c>per_node_max_tokens</c> or <c>per_run_max_usd</c>.</summary>
    public string Cap { get; }

    /// <summary>The cap's value.</summary>
    public decimal Limit { get; }

    /// <summary>What was used, or would have been.</summary>
    public decimal Actual { get; }

    /// <summary>How far over the cap.</summary>
    public decimal Overrun => Actual - Limit;

    /// <summary>True when the call was not made.</summary>
    public bool BeforeCall { get; }

    private static string Describe(string cap, decimal limit, decimal actual, bool beforeCall) =>
        beforeCall
            ? $"{cap} {limit} would be exceeded by {actual - limit} (estimated {actual} from the prompt); the model call was not made"
            : $"{cap} {limit} exceeded by {actual - limit} (used {actual})";
}
