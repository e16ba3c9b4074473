using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Alpha.Workflows.Control;
using Alpha.Workflows.Nodes;
using Microsoft.Agents.AI.Workflows;

namespace Alpha.Workflows.Adapters.Graph;

/// <summary>
/// The <c>graph</c> adapter: a state machine over a typed shared state, run as an inner Agent Framework workflow.
/// Each step is an executor; each distinct (from, to) pair of transitions is a conditional edge
/// (<c>AddEdge&lt;GraphState&gt;</c>) that delivers the state only to the step routed to, so loops are cycles of the
/// framework graph and each step is one superstep. After a step, the first transition whose condition holds on the
/// new state is taken; none, or <c>to: end</c>, ends the graph. Reaching <c>max_steps</c> with a step still to go
/// ends the node capped, keeping the state so far. Every step writes a <c>node.ID.step</c> frame, checks the kill
/// switch first and calls its agent through the node's chat client (caps, step recording, replay).
/// </summary>
internal sealed class GraphNodeBody(GraphOptions graph) : WorkflowNodeBody
{
    protected override async Task<string> RunCoreAsync(NodeInvocation invocation, CancellationToken cancellationToken)
    {
        var execution = new Execution(graph, invocation, cancellationToken);
        var bindings = graph.Steps.ToDictionary(s => s.Id, s => (ExecutorBinding)new FunctionExecutor<GraphState>(s.Id, execution.Handler(s), null, [typeof(GraphState)], [], false), StringComparer.Ordinal);
        var builder = new WorkflowBuilder(bindings[graph.Start]).WithName($"{invocation.NodeId}.graph");
        foreach (var (from, to) in graph.Transitions.Where(t => t.To != GraphTransition.End).Select(t => (t.From, t.To)).Distinct())
        {
            var target = to;
            builder.AddEdge<GraphState>(bindings[from], bindings[to], state => state?.Next == target);
        }

        var workflow = builder.Build(validateOrphans: false);
        try
        {
            await using var run = await InProcessExecution.RunStreamingAsync(workflow, GraphState.Initial(graph.Start), $"{invocation.RunId}.{invocation.NodeId}.graph", CancellationToken.None).ConfigureAwait(false);
            // As for the outer workflow: the framework stops executors through CancelRunAsync, not through a token.
            await using var onKill = cancellationToken.Register(() => run.CancelRunAsync().AsTask());
            await foreach (var evt in run.WatchStreamAsync(cancellationToken).ConfigureAwait(false))
            {
                switch (evt)
                {
                    case WorkflowErrorEvent error:
                        execution.Fail(error.Exception ?? new InvalidOperationException($"the graph engine failed: {error.Data}"));
                        break;
                    case ExecutorFailedEvent failed:
                        execution.Fail(new InvalidOperationException($"graph step '{failed.ExecutorId}' failed in the engine: {failed.Data}"));
                        break;
                }
            }
        }
        finally
        {
            // A killed step records its end before the node does.
            await execution.DrainAsync().ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (execution.Error is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        var last = execution.Latest;
        var outputKey = graph.Output ?? last.LastWritten;
        var output = outputKey is not null && last.Values.TryGetValue(outputKey, out var value) ? value : string.Empty;
        var status = execution.BoundReached ? "capped" : "completed";
        var reason = execution.BoundReached ? $"graph max_steps {graph.MaxSteps} reached" : null;
        await Frame(invocation, "graph", reason ?? $"graph ended after {last.Step} steps at {last.Previous}", new
        {
            node = invocation.NodeId,
            status,
            steps = last.Step,
            last_step = last.Previous,
            output_key = outputKey,
            state = last.Values.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        }).ConfigureAwait(false);
        return execution.BoundReached ? throw new NodeBoundReachedException(reason!, output) : output;
    }

    private static Task Frame(NodeInvocation invocation, string stage, string message, object extras) =>
        invocation.WriteFrame?.Invoke(stage, message, extras) ?? Task.CompletedTask;

    /// <summary>One execution of the graph: the latest state, the first failure, the in-flight step.</summary>
    private sealed class Execution(GraphOptions graph, NodeInvocation invocation, CancellationToken cancellationToken)
    {
        private readonly ConcurrentBag<Task> _steps = [];
        private readonly object _gate = new();
        private GraphState _latest = GraphState.Initial(graph.Start);
        private Exception? _error;
        private bool _boundReached;

        public GraphState Latest
        {
            get
            {
                lock (_gate)
                {
                    return _latest;
                }
            }
        }

        public Exception? Error
        {
            get
            {
                lock (_gate)
                {
                    return _error;
                }
            }
        }

        public bool BoundReached
        {
            get
            {
                lock (_gate)
                {
                    return _boundReached;
                }
            }
        }

        public void Fail(Exception error)
        {
            lock (_gate)
            {
                _error ??= error;
            }
        }

        public async Task DrainAsync()
        {
            try
            {
                await Task.WhenAll(_steps).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Each step records its own failure in Fail; a cancelled step is the kill, decided by the caller.
            }
        }

        public Func<GraphState, IWorkflowContext, CancellationToken, ValueTask> Handler(GraphStep step) => async (state, context, frameworkToken) =>
        {
            // The kill switch (and a failed step) is checked before every step.
            if (cancellationToken.IsCancellationRequested || Error is not null || state.Next != step.Id)
            {
                return;
            }

            var work = RunStepAsync(step, state);
            _steps.Add(work);
            if (await work.ConfigureAwait(false) is { } next)
            {
                await context.SendMessageAsync(next, cancellationToken: frameworkToken).ConfigureAwait(false);
            }
        };

        private async Task<GraphState?> RunStepAsync(GraphStep step, GraphState state)
        {
            var number = state.Step + 1;
            try
            {
                await Frame(invocation, "step", $"step {number}: {step.Id} ({step.Agent.Name})", new
                {
                    node = invocation.NodeId,
                    step = number,
                    step_id = step.Id,
                    agent = step.Agent.Name,
                    writes = step.Writes,
                    from = state.Previous,
                }).ConfigureAwait(false);

                // A step reads the node's upstream outputs and the state so far (each key as a named output).
                var stepInvocation = invocation with
                {
                    Upstream = [.. invocation.Upstream, .. graph.State.Keys.Where(state.Values.ContainsKey).Select(k => new NodeOutput(k, state.Values[k]))],
                };
                var type = graph.State[step.Writes];
                var answer = invocation.ChatClient(step.Agent.Name) is null
                    ? DeterministicAgents.Answer(step.Agent, stepInvocation, own: step.Writes)
                    : await AgentCall.RunAsync(step.Agent, stepInvocation, AgentCall.Prompt(stepInvocation, $"You are step '{step.Id}' of a graph; your answer becomes state key '{step.Writes}': {GraphValues.Describe(type)}."), cancellationToken).ConfigureAwait(false);
                var values = state.Values.SetItem(step.Writes, GraphValues.Coerce(type, answer, step.Id, step.Writes));
                var next = graph.Transitions.Where(t => t.From == step.Id).FirstOrDefault(t => t.When is null || t.When.Holds(values.GetValueOrDefault(t.When.Key ?? step.Writes)))?.To;
                var after = new GraphState(values, number, step.Id, next == GraphTransition.End ? null : next, step.Writes);
                lock (_gate)
                {
                    _latest = after;
                    if (after.Next is not null && number >= graph.MaxSteps)
                    {
                        _boundReached = true;
                        return null;
                    }
                }

                return after.Next is null ? null : after;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Fail(ex);
                return null;
            }
        }
    }
}
