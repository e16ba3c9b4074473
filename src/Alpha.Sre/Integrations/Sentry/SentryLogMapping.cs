using System.Globalization;
using Alpha.Sre.Incidents;

namespace Alpha.Sre.Integrations.Sentry;

/// <summary>
/// Turns Sentry issues and events into Alpha log entries: one summary line per issue
/// (<c>"&lt;title&gt;: &lt;culprit&gt; (&lt;count&gt; events)"</c>, at its first sighting inside the window) and one line
/// per recent event (<c>"&lt;title&gt;: &lt;culprit&gt;"</c>, at the event's time), so the log agent sees both how much
/// and when.
/// </summary>
internal static class SentryLogMapping
{
    /// <summary>The entries of one issue and its events.</summary>
    /// <param name="issue">The issue.</param>
    /// <param name="events">Its recent events (may be empty).</param>
    /// <param name="project">The project slug asked for (the service when the issue and events name none).</param>
    /// <param name="serviceTag">The event tag naming the service, if any.</param>
    /// <param name="start">Window start: the summary line is never earlier.</param>
    /// <param name="end">Window end: the summary line is never later.</param>
    public static IEnumerable<LogEntry> ToLogEntries(SentryIssue issue, IReadOnlyList<SentryEvent> events, string project, string? serviceTag, DateTimeOffset start, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(issue);
        ArgumentNullException.ThrowIfNull(events);
        var service = issue.Project ?? project;
        var seen = issue.FirstSeen ?? issue.LastSeen ?? start;
        var at = seen < start ? start : seen > end ? end : seen;
        yield return new LogEntry(at, service, Level(issue.Level), Summary(issue));
        foreach (var e in events)
        {
            var title = string.IsNullOrWhiteSpace(e.Title) ? issue.Title : e.Title;
            var culprit = string.IsNullOrWhiteSpace(e.Culprit) ? issue.Culprit : e.Culprit;
            yield return new LogEntry(
                e.Timestamp ?? at,
                (serviceTag is null ? null : e.Tag(serviceTag)) ?? service,
                Level(e.Tag("level") ?? issue.Level),
                string.IsNullOrWhiteSpace(culprit) ? title : $"{title}: {culprit}");
        }
    }

    /// <summary><c>"&lt;title&gt;: &lt;culprit&gt; (&lt;count&gt; events)"</c>; without the culprit when there is none.</summary>
    public static string Summary(SentryIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var count = string.Create(CultureInfo.InvariantCulture, $"({issue.Count} {(issue.Count == 1 ? "event" : "events")})");
        return string.IsNullOrWhiteSpace(issue.Culprit) ? $"{issue.Title} {count}" : $"{issue.Title}: {issue.Culprit} {count}";
    }

    /// <summary>Sentry's lower-case level as a log level word (ERROR, WARNING, FATAL...); ERROR when unknown, as Sentry issues are errors by default.</summary>
    public static string Level(string? level) => string.IsNullOrWhiteSpace(level) ? "ERROR" : level.Trim().ToUpperInvariant();
}
