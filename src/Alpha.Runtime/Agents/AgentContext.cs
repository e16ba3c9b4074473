using Alpha.Runtime.Schemas;
using Microsoft.Extensions.AI;

namespace Alpha.Runtime.Agents;

/// <summary>What an agent sees: the incident, the signals extracted from it, and the model client chosen for it.</summary>
/// <param name="ExecutionId">The execution this run belongs to.</param>
/// <param name="Incident">The validated incident.</param>
/// <param name="Signals">Every signal extracted from the incident; hypotheses must cite these ids.</param>
public sealed record AgentContext(string ExecutionId, IncidentInput Incident, IReadOnlyList<Signal> Signals)
{
    /// <summary>
    /// The model client for this agent, wrapped by the runtime so that every call is timed, counted and
    /// reported; null when the agent runs without a model.
    /// </summary>
    public IChatClient? ChatClient { get; init; }
}
