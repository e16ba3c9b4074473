using System.Collections.Immutable;

namespace Alpha.Workflows.Adapters.Graph;

/// <summary>
/// The message that moves through a graph node's inner workflow: the shared state after <paramref name="Step"/>
/// steps, and where it goes next (the framework's conditional edges deliver it to step <paramref name="Next"/> only).
/// </summary>
/// <param name="Values">The state keys written so far.</param>
/// <param name="Step">How many steps have run.</param>
/// <param name="Previous">The step that produced this state (null before the first).</param>
/// <param name="Next">The step to run next; null when the graph ends here.</param>
/// <param name="LastWritten">The key the previous step wrote.</param>
internal sealed record GraphState(ImmutableDictionary<string, string> Values, int Step, string? Previous, string? Next, string? LastWritten)
{
    /// <summary>The state before the first step.</summary>
    public static GraphState Initial(string start) => new(ImmutableDictionary.Create<string, string>(StringComparer.Ordinal), 0, null, start, null);
}
