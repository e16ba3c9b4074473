using Alpha.Platform.Specs;

namespace Alpha.Workflows.Adapters.Graph;

/// <summary>One state of a graph node's state machine: an agent whose answer is written to one state key.</summary>
/// <param name="Id">The step id (transitions name it); defaults to the agent's name.</param>
/// <param name="Agent">The agent that runs at this step (one of the node's agents).</param>
/// <param name="Writes">The state key its answer is written to.</param>
internal sealed record GraphStep(string Id, AgentSpec Agent, string Writes);
