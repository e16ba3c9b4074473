using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Alpha.Runtime.Diagnostics;

/// <summary>
/// The runtime's OpenTelemetry surface: one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both
/// named <see cref="SourceName"/>. Spans: <c>alpha.execute</c> (one execution), <c>invoke_agent {name}</c>
/// (one agent run) and <c>chat {model}</c> (one model call), with <c>gen_ai.*</c> attributes from the
/// OpenTelemetry GenAI conventions. Instruments: <c>alpha.agent.duration</c> (s), <c>alpha.agent.outcomes</c>,
/// <c>alpha.executions</c>; model calls add <c>gen_ai.client.token.usage</c> and
/// <c>gen_ai.client.operation.duration</c> through Microsoft.Extensions.AI's OpenTelemetry middleware under the same name.
/// </summary>
public static class AlphaTelemetry
{
    /// <summary>The name of the activity source and meter; subscribe to it in any OpenTelemetry pipeline.</summary>
    public const string SourceName = "Alpha.Runtime";

    /// <summary>Spans of executions, agents and model calls.</summary>
    public static ActivitySource ActivitySource { get; } = new(SourceName, typeof(AlphaTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Instruments of the runtime.</summary>
    public static Meter Meter { get; } = new(SourceName, typeof(AlphaTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Wall time of one agent run, in seconds, tagged with agent and outcome.</summary>
    public static Histogram<double> AgentDuration { get; } = Meter.CreateHistogram<double>("alpha.agent.duration", "s", "Wall time of one agent run.");

    /// <summary>Agent runs by outcome (completed, timed_out, failed, cancelled).</summary>
    public static Counter<long> AgentOutcomes { get; } = Meter.CreateCounter<long>("alpha.agent.outcomes", "{run}", "Agent runs by outcome.");

    /// <summary>Executions by outcome.</summary>
    public static Counter<long> Executions { get; } = Meter.CreateCounter<long>("alpha.executions", "{execution}", "Executions by outcome.");
}
