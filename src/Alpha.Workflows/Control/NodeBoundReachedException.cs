namespace Alpha.Workflows.Control;

/// <summary>
/// A node reached one of its own bounds (a graph's <c>max_steps</c>): the node ends <c>capped</c>, the run
/// <c>capped</c> with the message, and <see cref="BestOutput"/> (what it had so far) is kept as the node's output.
/// </summary>
/// <param name="message">Which bound, e.g. <c>graph max_steps 6 reached</c>.</param>
/// <param name="bestOutput">The node's output so far.</param>
public sealed class NodeBoundReachedException(string message, string bestOutput) : Exception(message)
{
    /// <summary>The node's output so far, kept as its output.</summary>
    public string BestOutput { get; } = bestOutput;
}
