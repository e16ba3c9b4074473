using Alpha.Runtime.Extraction;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals.Commits;
using Alpha.Sre.Signals.Config;
using Alpha.Sre.Signals.Logs;
using Alpha.Sre.Signals.Metrics;

namespace Alpha.Sre.Signals;

/// <summary>
/// The SRE vertical's <see cref="ISignalExtractor"/>: logs, then metrics, then commits and deployments, then
/// config, with ids in that order (deterministic for a given incident). The onset used to judge changes is
/// the incident's detection time, else its window start, else the earliest anomaly the logs and metrics show.
/// </summary>
public sealed class SreSignalExtractor : ISignalExtractor
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Signal>> ExtractAsync(IncidentInput incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return ValueTask.FromResult(Extract(SreIncident.From(incident)));
    }

    /// <summary>Extracts the signals of a typed incident.</summary>
    public static IReadOnlyList<Signal> Extract(SreIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var builder = new SignalBuilder();
        var given = incident.DetectedAt ?? incident.WindowStart;
        LogSignalExtractor.Extract(incident, given, builder);
        MetricSignalExtractor.Extract(incident, builder);
        Traces.TraceSignalExtractor.Extract(incident, given, builder);
        var onset = given ?? builder.Signals.Where(s => s.Timestamp is not null && s.Severity >= Severity.Medium).Min(s => s.Timestamp);
        ChangeSignalExtractor.Extract(incident, onset, builder);
        Changes.VersionComparisonExtractor.Extract(incident, builder);
        ConfigSignalExtractor.Extract(incident, builder);
        return builder.Signals;
    }
}
