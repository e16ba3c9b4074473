namespace Alpha.Workflows.Control;

/// <summary>
/// A node hit one of its own bounds (a crew's <c>max_rounds</c>, a loop's step limit) before it finished. The runtime
/// ends the node and the run <c>capped</c> with <see cref="Exception.Message"/> as the reason and keeps
/// <see cref="BestSoFar"/> as the node's output, so hitting a bound is never silent and never loses the work done.
/// </summary>
public sealed class BoundReachedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which bound, its value, and what was still to do.</param>
    /// <param name="bestSoFar">The best answer the node had when it stopped.</param>
    public BoundReachedException(string message, string bestSoFar)
        : base(message)
    {
        BestSoFar = bestSoFar;
    }

    /// <summary>The best answer the node had when it stopped.</summary>
    public string BestSoFar { get; }
}
