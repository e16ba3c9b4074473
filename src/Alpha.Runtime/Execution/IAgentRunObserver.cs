using Alpha.Runtime.Agents;
using Alpha.Runtime.Schemas;

namespace Alpha.Runtime.Execution;

/// <summary>Told when each agent starts and finishes; the runtime uses it to emit events. Called from many threads.</summary>
public interface IAgentRunObserver
{
    /// <summary>The agent is about to run.</summary>
    void OnAgentStarted(BaseAgent agent, DateTimeOffset startedAt);

    /// <summary>The agent's run ended (any outcome).</summary>
    void OnAgentFinished(BaseAgent agent, AgentOutcome outcome, TimeSpan timeout);
}
