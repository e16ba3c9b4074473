using Alpha.Runtime;
using Alpha.Runtime.Agents;
using Alpha.Runtime.Events;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Agents;
using Alpha.Sre.Signals;
using Microsoft.Extensions.AI;

namespace Alpha.Sre.Analysis;

/// <summary>
/// The SRE analysis end to end: an <see cref="AlphaRuntime"/> with the SRE signal extractor and the specialists
/// the options name, each with the model client the options give it (none by default), then the synthesis agent
/// run as one more stage of the same executor on the ranked result. Progress goes out on <see cref="Events"/>,
/// synthesis included (<c>agent.synthesis.started</c> / <c>.completed</c>, then <c>synthesis.completed</c>).
/// </summary>
public sealed class SreAnalyzer
{
    private readonly TimeProvider _time;
    private readonly bool _synthesis;
    private readonly IChatClient? _synthesisClient;

    /// <summary>Creates the analyzer.</summary>
    public SreAnalyzer(SreAnalyzerOptions? options = null, TimeProvider? timeProvider = null, EventHub? events = null)
    {
        var o = options ?? new SreAnalyzerOptions();
        _time = timeProvider ?? TimeProvider.System;
        Runtime = new AlphaRuntime(o.Runtime, new SreSignalExtractor(), _time, events);
        foreach (var name in o.Agents)
        {
            Runtime.Register(SreAgents.Create(name, o.ChatClients.GetValueOrDefault(name)));
        }

        _synthesis = o.Synthesis;
        _synthesisClient = o.ChatClients.GetValueOrDefault(SreAgents.Synthesis);
    }

    /// <summary>The runtime (its agents and options).</summary>
    public AlphaRuntime Runtime { get; }

    /// <summary>The event stream of every analysis.</summary>
    public EventHub Events => Runtime.Events;

    /// <summary>Analyses one incident.</summary>
    public async Task<AnalysisReport> AnalyzeAsync(IncidentInput incident, string? executionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var start = _time.GetTimestamp();
        var id = executionId ?? AlphaRuntime.NewExecutionId();
        var result = await Runtime.ExecuteAsync(incident, id, cancellationToken).ConfigureAwait(false);
        var synthesis = _synthesis ? await SynthesizeAsync(incident, result, cancellationToken).ConfigureAwait(false) : SynthesisAgent.Deterministic(result);
        Events.Publish(new StageEvent(id, _time.GetUtcNow(), "synthesis.completed", synthesis.Summary, new Dictionary<string, object?>
        {
            ["mode"] = synthesis.Mode,
            ["notes"] = synthesis.Notes,
        }));
        return AnalysisReport.From(incident.DeploymentId, result, synthesis, _time.GetElapsedTime(start).TotalMilliseconds);
    }

    private async Task<Synthesis> SynthesizeAsync(IncidentInput incident, ExecutionResult result, CancellationToken cancellationToken)
    {
        var stage = new SynthesisStage(result, _synthesisClient);
        var outcome = await Runtime.RunAgentAsync(stage, new AgentContext(result.ExecutionId, incident, result.SignalsUsed), cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        // The synthesis falls back to its template itself when a model call fails; this covers its timeout or a bug.
        return stage.Synthesis ?? SynthesisAgent.Deterministic(result) with
        {
            Notes = [$"the synthesis agent {AgentStatusNames.ToName(outcome.Status).Replace('_', ' ')} ({outcome.Error}); used the deterministic template"],
        };
    }
}
