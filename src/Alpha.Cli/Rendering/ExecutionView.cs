using Alpha.Runtime.Events;

namespace Alpha.Cli.Rendering;

/// <summary>The display's model of one execution, folded from the runtime's event stream.</summary>
internal sealed class ExecutionView
{
    private readonly Dictionary<string, AgentView> _agents = new(StringComparer.Ordinal);

    public string? ExecutionId { get; private set; }

    public string? DeploymentId { get; private set; }

    public int Signals { get; private set; }

    public int Rejected { get; private set; }

    public bool Finished { get; private set; }

    public IReadOnlyCollection<AgentView> Agents => _agents.Values;

    public void Apply(RuntimeEvent runtimeEvent)
    {
        switch (runtimeEvent)
        {
            case ExecutionStarted e:
                ExecutionId = e.ExecutionId;
                DeploymentId = e.DeploymentId;
                foreach (var name in e.Agents)
                {
                    _agents.TryAdd(name, new AgentView(name));
                }

                break;
            case SignalDetected:
                Signals++;
                break;
            case AgentStarted e:
                var started = Agent(e.Agent);
                started.Status = "running";
                started.Mode = e.Mode;
                started.StartedAt = e.Timestamp;
                break;
            case ModelCallCompleted e:
                var calling = Agent(e.Agent);
                calling.ModelCalls++;
                calling.Tokens += e.InputTokens + e.OutputTokens;
                break;
            case AgentCompleted e:
                var completed = Agent(e.Agent);
                completed.Status = "completed";
                completed.Mode = e.Mode;
                completed.ElapsedMs = e.ElapsedMs;
                completed.Hypotheses = e.HypothesesProposed;
                completed.Detail = e.Notes.Count > 0 ? string.Join("; ", e.Notes) : null;
                break;
            case AgentFailed e:
                Finish(e.Agent, "failed", e.ElapsedMs, e.Error);
                break;
            case AgentTimedOut e:
                Finish(e.Agent, "timed out", e.ElapsedMs, e.Message);
                break;
            case AgentCancelled e:
                Finish(e.Agent, "cancelled", e.ElapsedMs, null);
                break;
            case HypothesisRejected:
                Rejected++;
                break;
            case ExecutionCompleted or ExecutionFailed or ExecutionCancelled:
                Finished = true;
                break;
        }
    }

    private void Finish(string name, string status, double elapsedMs, string? detail)
    {
        var agent = Agent(name);
        agent.Status = status;
        agent.ElapsedMs = elapsedMs;
        agent.Detail = detail;
    }

    private AgentView Agent(string name)
    {
        if (!_agents.TryGetValue(name, out var agent))
        {
            agent = new AgentView(name);
            _agents.Add(name, agent);
        }

        return agent;
    }
}
