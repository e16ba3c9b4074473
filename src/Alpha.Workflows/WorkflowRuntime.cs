using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Workflows.Control;
using Alpha.Workflows.Execution;
using Alpha.Workflows.Llm;
using Alpha.Workflows.Nodes;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;
using RunStatus = Alpha.Platform.Ledger.RunStatus;

namespace Alpha.Workflows;

/// <summary>
/// Runs <see cref="WorkflowSpec"/>s on Microsoft Agent Framework Workflows. A dispatch hash-locks the workflow
/// and every agent spec it names (re-dispatching the same content reuses the version rows), opens a
/// workflow_runs row (pending, then running), builds a framework workflow (one executor per node, one edge per
/// spec edge; a node with several incoming edges waits for all of them: the fan-in barrier), runs it streaming
/// in process, writes one agent_runs row per node execution and a frame at every transition, and closes the run
/// completed, failed, cancelled (kill switch) or capped (cost caps). See docs/workflows.md.
/// </summary>
public sealed partial class WorkflowRuntime(WorkflowRuntimeOptions options)
{
    private const string StartExecutorId = "__start";
    private readonly WorkflowRuntimeOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private KillWatcher? _killWatcher;

    /// <summary>The kill switch of this runtime's runs.</summary>
    public KillSwitch KillSwitch => _options.KillSwitch;

    /// <summary>Kills requested through the ledger (another process) reach this runtime's runs through this watcher.</summary>
    public KillWatcher KillWatcher => LazyInitializer.EnsureInitialized(ref _killWatcher, () => _options.KillWatcher ?? new KillWatcher(_options.Ledger, _options.KillSwitch, _options.KillPollInterval, _options.Time));

    /// <summary>Runs <paramref name="dispatch"/> to its end and returns the closed run.</summary>
    /// <exception cref="SpecValidationException">The workflow names an unknown agent, a node no factory handles, or misses a required input (nothing is written).</exception>
    public Task<WorkflowRunResult> RunAsync(WorkflowDispatch dispatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        return RunCoreAsync(dispatch, null, cancellationToken);
    }

    /// <summary>Runs a dispatch; a nested workflow's child run passes its parent's <paramref name="parentMeter"/> (the child's caps and every enclosing run's apply).</summary>
    private async Task<WorkflowRunResult> RunCoreAsync(WorkflowDispatch dispatch, CostMeter? parentMeter, CancellationToken cancellationToken)
    {
        // A child run files under its parent's experiment, so the id is fixed before the nodes are built.
        dispatch = dispatch with { ExperimentId = dispatch.ExperimentId ?? LedgerIds.New("exp", _options.Time) };
        var spec = dispatch.Workflow;
        var inputs = ResolveInputs(spec, dispatch.Inputs);
        var meter = parentMeter?.Child(spec.CostCaps) ?? new CostMeter(spec.CostCaps, _options.Prices);
        var (nodes, nodeAgents) = Plan(dispatch, spec, [spec.Name], meter);

        var versions = await LockAsync(spec, dispatch.Workflows, nodeAgents.Values.SelectMany(a => a).DistinctBy(a => a.Name).ToArray(), cancellationToken).ConfigureAwait(false);
        var taskId = LedgerIds.New("wf", _options.Time);
        var created = await _options.Ledger.CreateRunAsync(
            new NewRun(SpecKind.Workflow, versions[spec.Name], dispatch.ExperimentId, null, dispatch.ParentRunId, taskId, inputs.ToJsonString(), RunStatus.Pending, RunOwner.Current),
            cancellationToken).ConfigureAwait(false);

        using var kill = _options.KillSwitch.Register(created.RunId);
        using var ledgerKills = KillWatcher.Watch();
        using var watchdog = new RunWatchdog(_options.StallAfter, _options.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(kill.Token, cancellationToken, watchdog.Token);
        var journal = new RunJournal(_options.Ledger, created.RunId, taskId, _options.Time, frame => { watchdog.Touch(); _options.OnFrame?.Invoke(frame); });
        var state = new RunState(journal, meter, versions, inputs, dispatch.Recorded, linked.Token) { Watchdog = watchdog };
        var started = await journal.WriteAsync("workflow.started", $"workflow {spec.Name} started", new { workflow = spec.Name, nodes = nodes.Length, replay_of = parentMeter is null ? dispatch.ParentRunId : null, child_of = parentMeter is null ? null : dispatch.ParentRunId, spec_versions = versions }, status: RunStatus.Running).ConfigureAwait(false);

        try
        {
            // Inside the try: a failing callback fails the run (recorded) instead of leaving it open.
            if (dispatch.RunCreated is { } runCreated)
            {
                await runCreated(started, linked.Token).ConfigureAwait(false);
            }

            await ExecuteAsync(spec, nodes, state, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // The end is decided below from who cancelled.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            state.Fail($"the workflow engine failed: {ex.GetType().Name}: {ex.Message}");
        }

        await state.DrainAsync().ConfigureAwait(false);

        // Every node's transitions committed (or refused, which fails the run) before deciding how it ended.
        await journal.FlushAsync().ConfigureAwait(false);
        var (status, error) = kill.KilledBy is { } by ? (RunStatus.Cancelled, $"killed by {by}")
            : cancellationToken.IsCancellationRequested ? (RunStatus.Cancelled, "cancelled by the caller")
            : watchdog.StalledReason is { } stalled ? (RunStatus.Failed, stalled)
            : state.Outcome;
        if (status == RunStatus.Cancelled)
        {
            await journal.WriteAsync("workflow.killed", error!, new { by = kill.KilledBy ?? "caller" }).ConfigureAwait(false);
        }
        else if (watchdog.StalledReason is { } stall && error == stall)
        {
            await journal.WriteAsync("workflow.stalled", stall, new { stall_after_ms = _options.StallAfter?.TotalMilliseconds }).ConfigureAwait(false);
        }

        var stage = $"workflow.{LedgerNames.ToName(status)}";
        var finished = await journal.WriteAsync(stage, error ?? $"workflow {spec.Name} completed", new { outputs = state.Outputs.Count }, status: status, error: error).ConfigureAwait(false);
        return new WorkflowRunResult(finished, state.Outputs.ToDictionary(StringComparer.Ordinal), versions);
    }

    private async Task ExecuteAsync(WorkflowSpec spec, NodeRun[] nodes, RunState state, CancellationToken cancellationToken)
    {
        var shared = NodesSharingASuperstep(nodes);
        var bindings = nodes.ToDictionary(n => n.Node.Id, n => BindNode(n, shared.Contains(n.Node.Id), state), StringComparer.Ordinal);
        var roots = nodes.Where(n => n.Predecessors.Count == 0).Select(n => bindings[n.Node.Id]).ToArray();
        Func<StartSignal, IWorkflowContext, CancellationToken, ValueTask> start = (signal, context, ct) =>
            context.SendMessageAsync(new NodeOutput(StartExecutorId, signal.RunId), cancellationToken: ct);
        ExecutorBinding startBinding = new FunctionExecutor<StartSignal>(StartExecutorId, start, null, [typeof(NodeOutput)], [], false);
        var builder = new WorkflowBuilder(startBinding).WithName(spec.Name);
        builder.AddFanOutEdge(startBinding, roots);
        foreach (var edge in spec.Edges)
        {
            builder.AddEdge(bindings[edge.Source], bindings[edge.Target]);
        }

        var sinks = nodes.Where(n => spec.Edges.All(e => e.Source != n.Node.Id)).Select(n => bindings[n.Node.Id]).ToArray();
        builder.WithOutputFrom(sinks);
        var workflow = builder.Build();

        await using var run = await InProcessExecution.RunStreamingAsync(workflow, new StartSignal(state.Journal.RunId), state.Journal.RunId, CancellationToken.None).ConfigureAwait(false);
        // The framework stops executors through CancelRunAsync only (a token passed to the run stops the watch, not the run).
        await using var onKill = cancellationToken.Register(() => run.CancelRunAsync().AsTask());
        await foreach (var evt in run.WatchStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            switch (evt)
            {
                case WorkflowErrorEvent error:
                    state.Fail($"the workflow engine failed: {error.Exception?.Message ?? error.Data?.ToString()}");
                    break;
                case ExecutorFailedEvent failed:
                    state.Fail($"node '{failed.ExecutorId}' failed in the engine: {failed.Data}");
                    break;
            }
        }
    }

    /// <summary>
    /// The nodes that run in a superstep with another node. A node runs in the superstep after its last input arrives,
    /// which is its depth along the longest path from a root (the top-level graph is acyclic), so nodes of equal depth
    /// share a superstep. A node alone at its depth (every node of a chain) has nothing to run beside.
    /// </summary>
    private static HashSet<string> NodesSharingASuperstep(NodeRun[] nodes)
    {
        var byId = nodes.ToDictionary(n => n.Node.Id, StringComparer.Ordinal);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        int DepthOf(NodeRun node)
        {
            if (!depth.TryGetValue(node.Node.Id, out var d))
            {
                d = node.Predecessors.Count == 0 ? 0 : node.Predecessors.Max(p => DepthOf(byId[p])) + 1;
                depth[node.Node.Id] = d;
            }

            return d;
        }

        return nodes.GroupBy(DepthOf).Where(g => g.Count() > 1).SelectMany(g => g).Select(n => n.Node.Id).ToHashSet(StringComparer.Ordinal);
    }

    private ExecutorBinding BindNode(NodeRun node, bool sharesSuperstep, RunState state)
    {
        Func<NodeOutput, IWorkflowContext, CancellationToken, ValueTask> handler = async (message, context, ct) =>
        {
            if (node.Receive(message) is not { } upstream)
            {
                return;
            }

            // The kill switch and the run's end (a failed or capped node) are checked before every step.
            if (state.Token.IsCancellationRequested || state.Halted)
            {
                return;
            }

            // Nodes of one superstep run one after another unless each yields first (Agent Framework runs handlers
            // inline); a node alone in its superstep goes on inline, saving a thread-pool hop per step of a chain.
            if (sharesSuperstep)
            {
                await Task.Yield();
            }

            if (node.Predecessors.Count > 0 && upstream.All(u => u.Skipped))
            {
                // Every incoming edge is false (or comes from a skipped node): skipped, and so is what only it feeds.
                await EdgeRouter.SkipAsync(node, upstream, context, state, ct).ConfigureAwait(false);
                return;
            }

            var work = RunNodeAsync(node, [.. upstream.Where(u => !u.Skipped)], state, ct);
            state.Track(work);
            if (await work.ConfigureAwait(false) is { } output)
            {
                await EdgeRouter.SendAsync(node, output, context, state, ct).ConfigureAwait(false);
                await context.YieldOutputAsync(output, ct).ConfigureAwait(false);
            }
            else
            {
                await context.RequestHaltAsync().ConfigureAwait(false);
            }
        };
        return new FunctionExecutor<NodeOutput>(node.Node.Id, handler, null, [typeof(NodeOutput)], [typeof(NodeOutput)], false);
    }

    private async Task<NodeOutput?> RunNodeAsync(NodeRun node, IReadOnlyList<NodeOutput> upstream, RunState state, CancellationToken frameworkToken)
    {
        var id = node.Node.Id;
        var journal = state.Journal;
        var agentRunId = LedgerIds.New("arun", _options.Time);
        var startedAt = _options.Time.GetUtcNow();
        var calls = new ConcurrentQueue<RecordedCall>();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(frameworkToken, state.Token);
        using var progress = state.Watchdog?.Track(id);
        journal.Append($"node.{id}.started", $"node {id} ({node.Node.Adapter}) started", new { node = id, adapter = node.Node.Adapter, agents = node.Agents.Select(a => a.Name) });

        var invocation = new NodeInvocation(
            journal.RunId,
            id,
            state.Inputs,
            [.. upstream.Where(u => u.NodeId != StartExecutorId)],
            agent => ChatClientFor(node, agent, agentRunId, state, calls),
            (agent, text) =>
            {
                progress?.Touch();
                journal.Buffer("agent.token", text, new { node = id, agent });
            },
            (stage, message, extras) =>
            {
                progress?.Touch();
                journal.Append($"node.{id}.{stage}", message, extras);
                return Task.CompletedTask;
            },
            (stage, message, extras) =>
            {
                // A crew or debate turn is progress too (the watchdog must not call a long debate stalled).
                progress?.Touch();
                journal.Append($"node.{id}.{stage}", message, extras);
            });

        AgentRunStatus status;
        string? error = null;
        string? text = null;
        try
        {
            text = await node.Body.RunAsync(invocation, linked.Token).ConfigureAwait(false);
            status = AgentRunStatus.Completed;
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            (status, error) = state.Watchdog?.StalledReason is { } stalled ? (AgentRunStatus.TimedOut, stalled) : (AgentRunStatus.Cancelled, "cancelled");
        }
        catch (BoundReachedException ex)
        {
            // A node's own bound (crew rounds, loop steps): the run ends capped, with the best answer kept as the node's output.
            (status, error, text) = (AgentRunStatus.Capped, ex.Message, ex.BestSoFar);
            state.Cap($"node '{id}': {ex.Message}");
        }
        catch (CostCapExceededException ex)
        {
            (status, error) = (AgentRunStatus.Capped, ex.Message);
            state.Cap($"node '{id}': {ex.Message}");
        }
        catch (NodeBoundReachedException ex)
        {
            // A node's own bound (a graph's max_steps): capped, and what it had so far is kept as its output.
            (status, error, text) = (AgentRunStatus.Capped, ex.Message, ex.BestOutput);
            state.Cap($"node '{id}': {ex.Message}");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            (status, error) = (AgentRunStatus.Failed, $"{ex.GetType().Name}: {ex.Message}");
            state.Fail($"node '{id}' failed: {error}");
        }

        var steps = calls.Select((c, i) => new AgentRunStep(
            LedgerIds.New("step", _options.Time), agentRunId, journal.RunId, i + 1, AgentRunStep.ModelKind, c.Model,
            new JsonObject { ["hash"] = c.Hash, ["messages"] = c.Request }.ToJsonString(), c.Response, c.InputTokens, c.OutputTokens,
            _options.Prices.Cost(c.Model, c.InputTokens, c.OutputTokens), c.LatencyMs, c.Error, _options.Time.GetUtcNow())).ToArray();
        var priced = steps.Where(s => s.CostUsd is not null).ToArray();
        var record = new AgentRunRecord(
            agentRunId, journal.RunId, id, node.Agents.Count == 0 ? node.Node.Adapter : string.Join(",", node.Agents.Select(a => a.Name)),
            node.Agents.Count == 0 ? null : state.Versions[node.Agents[0].Name],
            node.Agents.All(IsDeterministic) ? "deterministic" : "llm", status, startedAt, _options.Time.GetUtcNow(),
            steps.Sum(s => s.InputTokens), steps.Sum(s => s.OutputTokens), steps.Length == 0 ? 0m : priced.Length == 0 ? null : priced.Sum(s => s.CostUsd!.Value), error);
        var stage = $"node.{id}.{LedgerNames.ToName(status)}";
        journal.Append(stage, error ?? $"node {id} completed", new { node = id, status = LedgerNames.ToName(status), tokens = record.InputTokens + record.OutputTokens }, record, steps);
        if (text is null)
        {
            return null;
        }

        state.Outputs[id] = text;
        return status == AgentRunStatus.Completed ? new NodeOutput(id, text) : null;
    }

    private CostCapChatClient? ChatClientFor(NodeRun node, string agentName, string nodeExecution, RunState state, ConcurrentQueue<RecordedCall> calls)
    {
        var agent = node.Agents.FirstOrDefault(a => a.Name == agentName)
            ?? throw new InvalidOperationException($"node '{node.Node.Id}' has no agent '{agentName}'");
        if (IsDeterministic(agent))
        {
            return null;
        }

        IChatClient inner = state.Recorded is { } recorded
            ? new ReplayChatClient(recorded, node.Node.Id, agent.Model)
            : (_options.ModelClients ?? throw new InvalidOperationException($"agent '{agent.Name}' needs model '{agent.Model}', but this runtime has no model clients; configure a model or use model: deterministic"))(agent);
        var recording = new StepRecordingChatClient(inner, agent.Model, calls.Enqueue, _options.Time);
        return new CostCapChatClient(recording, state.Meter, nodeExecution, agent.Model, agent.CostCaps?.PerNodeMaxTokens);
    }

    private static bool IsDeterministic(AgentSpec agent) => DeterministicAgents.Is(agent);

    private WorkflowNodeBody CreateBody(WorkflowNode node, IReadOnlyList<AgentSpec> agents)
    {
        foreach (var factory in _options.NodeFactories)
        {
            if (factory.Create(node, agents) is { } body)
            {
                return body;
            }
        }

        throw Invalid($"nodes[{node.Id}].adapter", $"adapter '{node.Adapter}' is not supported by this runtime yet (supported: {string.Join(", ", SupportedAdapters)})");
    }

    private IEnumerable<string> SupportedAdapters =>
        WorkflowSpec.AdapterKinds.Where(kind => _options.NodeFactories.Any(f => Probe(f, kind)));

    private static bool Probe(INodeFactory factory, string kind)
    {
        try
        {
            return factory.Create(new WorkflowNode("probe", kind, []), []) is not null;
        }
        catch (SpecValidationException)
        {
            return true;
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> LockAsync(WorkflowSpec spec, IReadOnlyDictionary<string, WorkflowSpec>? workflows, IReadOnlyList<AgentSpec> agents, CancellationToken cancellationToken)
    {
        // A pinned child workflow (`workflow: x@2`) is checked here, before the parent's row exists: snapshotting
        // the child is idempotent (the child run locks the same version when it starts).
        foreach (var node in spec.Nodes.Where(n => n.Workflow?.Version is not null))
        {
            var reference = node.Workflow!;
            var child = await _options.Ledger.SnapshotAsync(workflows![reference.Name], cancellationToken).ConfigureAwait(false);
            if (child.Version != reference.Version)
            {
                throw Invalid($"nodes[{node.Id}].workflow", $"'{reference}' is pinned to version {reference.Version}, but the given workflow spec locks as version {child.Version}; update the pin or the spec");
            }
        }

        var snapshots = await Task.WhenAll(agents.Select(a => _options.Ledger.SnapshotAsync(a, cancellationToken)).Append(_options.Ledger.SnapshotAsync(spec, cancellationToken))).ConfigureAwait(false);
        foreach (var node in spec.Nodes)
        {
            foreach (var reference in node.Agents.Where(r => r.Version is not null))
            {
                var locked = snapshots.First(s => s.Name == reference.Name && s.Kind == SpecKind.Agent);
                if (locked.Version != reference.Version)
                {
                    throw Invalid($"nodes[{node.Id}].agents", $"'{reference}' is pinned to version {reference.Version}, but the given agent spec locks as version {locked.Version}; update the pin or the spec");
                }
            }
        }

        return agents.Select(a => a.Name).Append(spec.Name).Zip(snapshots).ToDictionary(p => p.First, p => p.Second.VersionId, StringComparer.Ordinal);
    }

    private static AgentSpec Resolve(WorkflowSpec spec, WorkflowNode node, SpecReference reference, IReadOnlyDictionary<string, AgentSpec> agents) =>
        agents.TryGetValue(reference.Name, out var agent)
            ? agent
            : throw Invalid($"nodes[{node.Id}].agents", $"agent spec '{reference.Name}' was not given to workflow {spec.Name}; known agents: {string.Join(", ", agents.Keys.Order(StringComparer.Ordinal))}");

    private static JsonObject ResolveInputs(WorkflowSpec spec, JsonObject? given)
    {
        var inputs = given?.DeepClone().AsObject() ?? [];
        foreach (var (name, input) in spec.Inputs)
        {
            if (inputs.ContainsKey(name))
            {
                continue;
            }

            if (input.Default is not null)
            {
                inputs[name] = input.Default.DeepClone();
            }
            else if (input.Required)
            {
                throw Invalid($"inputs.{name}", $"workflow {spec.Name} needs input '{name}' ({input.Type}); pass it with --inputs");
            }
        }

        return inputs;
    }

    private static SpecValidationException Invalid(string field, string message) => new([new SpecError("workflow", null, field, message)]);
}
