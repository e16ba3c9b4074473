namespace Alpha.Workflows.Adapters.Graph;

/// <summary>A graph node's state machine, read from its <c>options</c> (see docs/workflows.md, "graph").</summary>
/// <param name="State">The state keys and their types, in declaration order.</param>
/// <param name="Steps">The steps, by id, in declaration order.</param>
/// <param name="Start">The first step.</param>
/// <param name="Transitions">The moves, in declaration order: after a step, the first of its transitions whose condition holds is taken.</param>
/// <param name="MaxSteps">The most steps one execution runs; reaching it with a step still to go ends the node capped.</param>
/// <param name="Output">The state key that is the node's output; null for the key the last step wrote.</param>
internal sealed record GraphOptions(
    IReadOnlyDictionary<string, GraphKeyType> State,
    IReadOnlyList<GraphStep> Steps,
    string Start,
    IReadOnlyList<GraphTransition> Transitions,
    int MaxSteps,
    string? Output);
