using System.Diagnostics;
using System.Runtime.CompilerServices;
using Alpha.Runtime.Agents;
using Alpha.Runtime.Aggregation;
using Alpha.Runtime.Diagnostics;
using Alpha.Runtime.Events;
using Alpha.Runtime.Execution;
using Alpha.Runtime.Extraction;
using Alpha.Runtime.Judging;
using Alpha.Runtime.Llm;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;

namespace Alpha.Runtime;

/// <summary>
/// The runtime: register agents, then execute incidents. One execution runs, in order: validate the input,
/// extract signals (<see cref="ISignalExtractor"/>), build the <see cref="AgentContext"/> (the agents' shared,
/// read-only view: the incident and every signal), run every agent in parallel (<see cref="ParallelExecutor"/>), judge their
/// claims (<see cref="JudgeLayer"/>), rank what survives (<see cref="Aggregator"/>) and decide on human review
/// (<see cref="HumanReviewPolicy"/>). Every step is published on <see cref="Events"/>; nothing waits on a subscriber.
/// Executions are independent: one runtime may run many at once.
/// </summary>
public sealed class AlphaRuntime
{
    private readonly AlphaRuntimeOptions _options;
    private readonly ISignalExtractor _extractor;
    private readonly TimeProvider _time;
    private readonly ParallelExecutor _executor;
    private readonly Aggregator _aggregator;

    /// <summary>Creates a runtime.</summary>
    /// <param name="options">Timeouts, ranking and review thresholds; defaults when null.</param>
    /// <param name="extractor">The signal extractor; <see cref="NoSignalExtractor"/> when null.</param>
    /// <param name="timeProvider">The clock (fake it in tests).</param>
    /// <param name="events">The hub to publish on; a new one when null.</param>
    public AlphaRuntime(AlphaRuntimeOptions? options = null, ISignalExtractor? extractor = null, TimeProvider? timeProvider = null, EventHub? events = null)
    {
        _options = options ?? new AlphaRuntimeOptions();
        _extractor = extractor ?? NoSignalExtractor.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _executor = new ParallelExecutor(_options.Executor, _time);
        _aggregator = new Aggregator(_options.Aggregator);
        Events = events ?? new EventHub();
    }

    /// <summary>The registered agents.</summary>
    public AgentRegistry Agents { get; } = new();

    /// <summary>Every execution's events; subscribe before executing to see them all.</summary>
    public EventHub Events { get; }

    /// <summary>Registers an agent (names must be unique).</summary>
    public AlphaRuntime Register(BaseAgent agent)
    {
        Agents.Register(agent);
        return this;
    }

    /// <summary>Runs one execution and returns its result.</summary>
    /// <param name="incident">The validated incident.</param>
    /// <param name="executionId">The id to use (so a caller can subscribe to it first); a new one when null.</param>
    /// <param name="cancellationToken">Cancels the whole execution: agents are stopped and <see cref="OperationCanceledException"/> is thrown.</param>
    public async Task<ExecutionResult> ExecuteAsync(IncidentInput incident, string? executionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        // Nothing past this line sees a secret: signals, memory, agents, prompts, events and frames all derive from this.
        incident = SecretRedactor.Default.Redact(incident);
        var id = string.IsNullOrWhiteSpace(executionId) ? NewExecutionId(_time) : executionId;
        var startedAt = _time.GetUtcNow();
        var start = _time.GetTimestamp();
        var agents = Agents.GetAll();
        using var activity = AlphaTelemetry.ActivitySource.StartActivity("alpha.execute", ActivityKind.Internal);
        activity?.SetTag("alpha.execution.id", id);
        activity?.SetTag("alpha.deployment.id", incident.DeploymentId);
        activity?.SetTag("alpha.agent.count", agents.Count);

        void Emit(RuntimeEvent e) => Events.Publish(e);

        Emit(new ExecutionStarted(id, startedAt, incident.DeploymentId, [.. agents.Select(a => a.Name)]));
        try
        {
            var signals = await _extractor.ExtractAsync(incident, cancellationToken).ConfigureAwait(false);
            EnsureUniqueIds(signals);
            foreach (var signal in signals)
            {
                Emit(new SignalDetected(id, _time.GetUtcNow(), signal));
            }

            var baseContext = new AgentContext(id, incident, signals);
            var outcomes = await _executor.ExecuteAsync(
                agents,
                agent => agent.ChatClient is null
                    ? baseContext
                    : baseContext with { ChatClient = new RedactingChatClient(new RecordingChatClient(agent.ChatClient, id, agent.Name, Emit, _time)) },
                new Observer(this, id, Emit),
                cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();

            var results = outcomes.Where(o => o.Result is not null).Select(o => o.Result!).ToArray();
            // Extraction is over, so the set of signal ids is final.
            var report = JudgeLayer.Judge(results, signals.Select(s => s.Id).ToHashSet(StringComparer.Ordinal));
            foreach (var verdict in report.Rejected)
            {
                Emit(new HypothesisRejected(id, _time.GetUtcNow(), verdict.Agent, verdict.Label, [.. verdict.Violations.Select(v => v.Detail)]));
            }

            var aggregation = _aggregator.Aggregate(report.Accepted);
            var top = aggregation.Ranked.Count > 0 ? aggregation.Ranked[0] : null;
            Emit(new AggregationCompleted(id, _time.GetUtcNow(), report.Accepted.Count, aggregation.GroupCount, top?.Label, top?.Score));

            var reasons = _options.HumanReview.Evaluate(aggregation.Ranked);
            var result = new ExecutionResult(
                id,
                aggregation.Ranked,
                signals,
                reasons.Count > 0,
                reasons,
                outcomes,
                report.Verdicts,
                startedAt,
                _time.GetElapsedTime(start).TotalMilliseconds);
            Emit(new ExecutionCompleted(id, _time.GetUtcNow(), result));
            activity?.SetTag("alpha.hypotheses.ranked", result.RankedHypotheses.Count);
            activity?.SetTag("alpha.requires_human_review", result.RequiresHumanReview);
            AlphaTelemetry.Executions.Add(1, new KeyValuePair<string, object?>("alpha.execution.outcome", "completed"));
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Emit(new ExecutionCancelled(id, _time.GetUtcNow(), _time.GetElapsedTime(start).TotalMilliseconds));
            activity?.SetStatus(ActivityStatusCode.Error, "cancelled");
            AlphaTelemetry.Executions.Add(1, new KeyValuePair<string, object?>("alpha.execution.outcome", "cancelled"));
            throw;
        }
        catch (Exception ex)
        {
            Emit(new ExecutionFailed(id, _time.GetUtcNow(), $"{ex.GetType().Name}: {ex.Message}"));
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            AlphaTelemetry.Executions.Add(1, new KeyValuePair<string, object?>("alpha.execution.outcome", "failed"));
            throw;
        }
    }

    /// <summary>
    /// Runs one more agent of execution <paramref name="context"/>.ExecutionId after its ranking (a vertical's
    /// follow-up stage, such as a synthesis), through the same executor as the parallel stage: its own
    /// started/completed (or failed, timed out, cancelled) events, its model calls recorded, the same timeout and
    /// failure rules. Never throws for the agent's failure; the outcome says how it ended.
    /// </summary>
    public async Task<AgentOutcome> RunAgentAsync(BaseAgent agent, AgentContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(context);
        var id = context.ExecutionId;
        void Emit(RuntimeEvent e) => Events.Publish(e);
        var outcomes = await _executor.ExecuteAsync(
            [agent],
            a => a.ChatClient is null ? context : context with { ChatClient = new RedactingChatClient(new RecordingChatClient(a.ChatClient, id, a.Name, Emit, _time)) },
            new Observer(this, id, Emit),
            cancellationToken).ConfigureAwait(false);
        return outcomes[0];
    }

    /// <summary>
    /// Runs one execution and streams its events as they happen, ending with the terminal event
    /// (<see cref="ExecutionCompleted"/> carries the result). If the execution fails, its exception is
    /// rethrown after the events that led to it.
    /// </summary>
    public async IAsyncEnumerable<RuntimeEvent> StreamAsync(IncidentInput incident, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var id = NewExecutionId(_time);
        using var subscription = Events.Subscribe(capacity: null, filter: e => e.ExecutionId == id);
        var run = ExecuteAsync(incident, id, cancellationToken);
        _ = run.ContinueWith(_ => subscription.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await foreach (var e in subscription.ReadUntilAsync(IsTerminal, CancellationToken.None).ConfigureAwait(false))
        {
            yield return e;
        }

        await run.ConfigureAwait(false);
    }

    private static void EnsureUniqueIds(IReadOnlyList<Signal> signals)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var signal in signals)
        {
            if (!seen.Add(signal.Id))
            {
                throw new InvalidOperationException($"Signal id '{signal.Id}' was added twice; signal ids must be unique within an execution.");
            }
        }
    }

    /// <summary>True for the events that end an execution.</summary>
    public static bool IsTerminal(RuntimeEvent runtimeEvent) => runtimeEvent is ExecutionCompleted or ExecutionFailed or ExecutionCancelled;

    /// <summary>A new, time-ordered execution id (<c>exe_</c> + a version-7 GUID stamped by <paramref name="timeProvider"/>, the system clock by default).</summary>
    public static string NewExecutionId(TimeProvider? timeProvider = null) => "exe_" + Guid.CreateVersion7((timeProvider ?? TimeProvider.System).GetUtcNow()).ToString("N");

    private sealed class Observer(AlphaRuntime runtime, string executionId, Action<RuntimeEvent> emit) : IAgentRunObserver
    {
        public void OnAgentStarted(BaseAgent agent, DateTimeOffset startedAt) =>
            emit(new AgentStarted(executionId, startedAt, agent.Name, agent.Mode));

        public void OnAgentFinished(BaseAgent agent, AgentOutcome outcome, TimeSpan timeout)
        {
            var now = runtime._time.GetUtcNow();
            emit(outcome.Status switch
            {
                AgentStatus.Completed => new AgentCompleted(executionId, now, agent.Name, outcome.Mode ?? agent.Mode, outcome.ExecutionTimeMs, outcome.HypothesesProposed, outcome.Result?.Notes ?? []),
                AgentStatus.TimedOut => new AgentTimedOut(executionId, now, agent.Name, outcome.ExecutionTimeMs, timeout),
                AgentStatus.Cancelled => new AgentCancelled(executionId, now, agent.Name, outcome.ExecutionTimeMs),
                _ => new AgentFailed(executionId, now, agent.Name, outcome.ExecutionTimeMs, outcome.Error ?? "failed"),
            });
        }
    }
}
