namespace Alpha.Runtime.Agents;

/// <summary>The agents of a runtime, by unique name, in registration order. Safe for concurrent use.</summary>
public sealed class AgentRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BaseAgent> _byName = new(StringComparer.Ordinal);
    private BaseAgent[] _ordered = [];

    /// <summary>Number of registered agents.</summary>
    public int Count => Volatile.Read(ref _ordered).Length;

    /// <summary>Adds <paramref name="agent"/>.</summary>
    /// <exception cref="InvalidOperationException">An agent with the same name is already registered.</exception>
    public void Register(BaseAgent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        lock (_gate)
        {
            if (!_byName.TryAdd(agent.Name, agent))
            {
                throw new InvalidOperationException($"An agent named '{agent.Name}' is already registered; agent names must be unique.");
            }

            _ordered = [.. _ordered, agent];
        }
    }

    /// <summary>Every agent, in registration order (a snapshot).</summary>
    public IReadOnlyList<BaseAgent> GetAll() => Volatile.Read(ref _ordered);

    /// <summary>The agent named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No agent has that name.</exception>
    public BaseAgent Get(string name) =>
        TryGet(name, out var agent)
            ? agent
            : throw new KeyNotFoundException($"No agent named '{name}' is registered. Registered: {string.Join(", ", GetAll().Select(a => a.Name))}.");

    /// <summary>Looks up an agent by name.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BaseAgent? agent)
    {
        lock (_gate)
        {
            return _byName.TryGetValue(name, out agent);
        }
    }
}
