using Alpha.Runtime.Schemas;
using Microsoft.Extensions.AI;

namespace Alpha.Runtime.Agents;

/// <summary>
/// A specialist that reads an <see cref="AgentContext"/> and proposes hypotheses. Derive from it and
/// implement <see cref="RunCoreAsync"/>; callers use <see cref="RunAsync"/>.
/// </summary>
public abstract class BaseAgent
{
    /// <summary>Creates an agent.</summary>
    /// <param name="name">Unique name within a registry.</param>
    /// <param name="chatClient">The model client, when the agent uses one.</param>
    protected BaseAgent(string name, IChatClient? chatClient = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("An agent needs a non-empty name.", nameof(name));
        }

        Name = name;
        ChatClient = chatClient;
    }

    /// <summary>The agent's unique name.</summary>
    public string Name { get; }

    /// <summary>The model client this agent was given, or null for a model-free agent.</summary>
    public IChatClient? ChatClient { get; }

    /// <summary>This agent's own timeout; null uses the executor's default (30 s unless configured).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How the agent reasons, for display and the ledger: <c>llm</c> when it has a model client, else <c>deterministic</c>.</summary>
    public virtual string Mode => ChatClient is null ? "deterministic" : "llm";

    /// <summary>Runs the agent once.</summary>
    public Task<AgentResult> RunAsync(AgentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        return RunCoreAsync(context, cancellationToken);
    }

    /// <summary>The agent's reasoning. Honour <paramref name="cancellationToken"/>; the executor stops waiting when it fires either way.</summary>
    protected abstract Task<AgentResult> RunCoreAsync(AgentContext context, CancellationToken cancellationToken);

    /// <summary>Convenience for implementations: a result under this agent's name.</summary>
    protected AgentResult Result(IReadOnlyList<HypothesisClaim> hypotheses) => new(Name, hypotheses) { Mode = Mode };
}
