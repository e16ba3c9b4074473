using Alpha.Runtime;
using Alpha.Runtime.Events;
using Alpha.Runtime.Llm;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;
using Alpha.Sre.Agents;
using Alpha.Sre.Signals;
using Microsoft.Extensions.AI;

namespace Alpha.Sre.Analysis;

/// <summary>
/// The SRE analysis end to end: an <see cref="AlphaRuntime"/> with the SRE signal extractor and the four
/// specialists (logs, metrics, commits, config), each with the model its routing gives it (none by
/// default), then the <see cref="SynthesisAgent"/> on the ranked result. Progress goes out on
/// <see cref="Events"/>, synthesis included (<c>synthesis.completed</c>).
/// </summary>
public sealed class SreAnalyzer
{
    private readonly TimeProvider _time;
    private readonly SynthesisAgent _synthesis;
    private readonly IChatClient? _synthesisClient;

    /// <summary>Creates the analyzer.</summary>
    public SreAnalyzer(SreAnalyzerOptions? options = null, TimeProvider? timeProvider = null, EventHub? events = null)
    {
        var o = options ?? new SreAnalyzerOptions();
        _time = timeProvider ?? TimeProvider.System;
        Runtime = new AlphaRuntime(o.Runtime, new SreSignalExtractor(), _time, events);
        IChatClient? ClientFor(string agent) =>
            o.Deterministic || ModelRouting.OptionsFor(agent, o.Environment) is not { } endpoint ? null : new OpenAICompatibleChatClient(endpoint, _time);
        Runtime.Register(new LogAgent(ClientFor("logs")));
        Runtime.Register(new MetricsAgent(ClientFor("metrics")));
        Runtime.Register(new CommitAgent(ClientFor("commits")));
        Runtime.Register(new ConfigAgent(ClientFor("config")));
        _synthesisClient = ClientFor("synthesis");
        _synthesis = new SynthesisAgent();
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
        var agent = _synthesisClient is null ? _synthesis : new SynthesisAgent(new RedactingChatClient(new RecordingChatClient(_synthesisClient, id, "synthesis", Events.Publish, _time)));
        var synthesis = await agent.SynthesizeAsync(result, cancellationToken).ConfigureAwait(false);
        Events.Publish(new StageEvent(id, _time.GetUtcNow(), "synthesis.completed", synthesis.Summary, new Dictionary<string, object?>
        {
            ["mode"] = synthesis.Mode,
            ["notes"] = synthesis.Notes,
        }));
        return AnalysisReport.From(incident.DeploymentId, result, synthesis, _time.GetElapsedTime(start).TotalMilliseconds);
    }
}
