using System.Diagnostics;
using Alpha.Runtime.Agents;
using Alpha.Runtime.Diagnostics;
using Alpha.Runtime.Schemas;

namespace Alpha.Runtime.Execution;

/// <summary>
/// Runs agents all at once and records how each ended. Each agent gets its own timeout (its
/// <see cref="BaseAgent.Timeout"/> or <see cref="ExecutorOptions.DefaultAgentTimeout"/>) linked with the
/// caller's token. The executor stops waiting for an agent as soon as either fires, even if the agent
/// ignores its token. Outcomes follow one rule: the caller cancelled -> <see cref="AgentStatus.Cancelled"/>;
/// the agent's own timeout fired -> <see cref="AgentStatus.TimedOut"/>; it threw or returned nothing ->
/// <see cref="AgentStatus.Failed"/>. One agent's failure never affects the others.
/// </summary>
public sealed class ParallelExecutor
{
    private readonly ExecutorOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates an executor.</summary>
    public ParallelExecutor(ExecutorOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new ExecutorOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Runs every agent in parallel and returns their outcomes in the order of <paramref name="agents"/>.
    /// Never throws for an agent's failure; when the caller cancels, the remaining agents are recorded as
    /// cancelled and the outcomes are returned promptly (the caller decides whether to rethrow).
    /// </summary>
    public async Task<IReadOnlyList<AgentOutcome>> ExecuteAsync(
        IReadOnlyList<BaseAgent> agents,
        Func<BaseAgent, AgentContext> contextFor,
        IAgentRunObserver? observer,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(contextFor);
        var runs = new Task<AgentOutcome>[agents.Count];
        for (var i = 0; i < agents.Count; i++)
        {
            runs[i] = RunOneAsync(agents[i], contextFor(agents[i]), observer, cancellationToken);
        }

        return await Task.WhenAll(runs).ConfigureAwait(false);
    }

    private async Task<AgentOutcome> RunOneAsync(BaseAgent agent, AgentContext context, IAgentRunObserver? observer, CancellationToken callerToken)
    {
        var timeout = agent.Timeout ?? _options.DefaultAgentTimeout;
        var startedAt = _time.GetUtcNow();
        var startTimestamp = _time.GetTimestamp();
        observer?.OnAgentStarted(agent, startedAt);

        using var activity = AlphaTelemetry.ActivitySource.HasListeners()
            ? AlphaTelemetry.ActivitySource.StartActivity($"invoke_agent {agent.Name}", ActivityKind.Internal)
            : null;
        activity?.SetTag("gen_ai.operation.name", "invoke_agent");
        activity?.SetTag("gen_ai.agent.name", agent.Name);
        activity?.SetTag("alpha.execution.id", context.ExecutionId);

        using var timeoutSource = timeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, timeoutSource.Token);
        AgentStatus status;
        string? error = null;
        AgentResult? result = null;
        Task<AgentResult>? run = null;
        try
        {
            // Task.Run: an agent that blocks synchronously before its first await must not hold up the others.
            run = Task.Run(() => agent.RunAsync(context, linked.Token), linked.Token);
            result = await run.WaitAsync(linked.Token).ConfigureAwait(false);
            if (result is null)
            {
                status = AgentStatus.Failed;
                error = "returned no result";
            }
            else
            {
                status = AgentStatus.Completed;
            }
        }
        catch (OperationCanceledException) when (callerToken.IsCancellationRequested)
        {
            status = AgentStatus.Cancelled;
            error = "cancelled by the caller";
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
        {
            status = AgentStatus.TimedOut;
            error = $"did not finish within {timeout.TotalSeconds:0.###} s";
        }
        catch (Exception ex)
        {
            status = AgentStatus.Failed;
            error = $"{ex.GetType().Name}: {ex.Message}";
        }

        if (run is { IsCompleted: false })
        {
            // We stopped waiting for an agent that ignores cancellation: observe its eventual fault so it is not reported as unobserved.
            _ = run.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        var elapsed = _time.GetElapsedTime(startTimestamp);
        var elapsedMs = elapsed.TotalMilliseconds;
        if (result is not null)
        {
            result = result with { ExecutionTimeMs = elapsedMs };
        }

        var outcome = new AgentOutcome(agent.Name, status, startedAt, startedAt + elapsed, elapsedMs, error, result)
        {
            Mode = result?.Mode ?? agent.Mode,
        };

        var statusName = AgentStatusNames.ToName(status);
        activity?.SetTag("alpha.agent.outcome", statusName);
        if (status != AgentStatus.Completed)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error);
        }

        if (AlphaTelemetry.AgentDuration.Enabled)
        {
            AlphaTelemetry.AgentDuration.Record(elapsed.TotalSeconds, new("gen_ai.agent.name", agent.Name), new("alpha.agent.outcome", statusName));
        }

        if (AlphaTelemetry.AgentOutcomes.Enabled)
        {
            AlphaTelemetry.AgentOutcomes.Add(1, new("gen_ai.agent.name", agent.Name), new("alpha.agent.outcome", statusName));
        }

        observer?.OnAgentFinished(agent, outcome, timeout);
        return outcome;
    }
}
