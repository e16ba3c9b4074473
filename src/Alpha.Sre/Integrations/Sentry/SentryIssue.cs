namespace Alpha.Sre.Integrations.Sentry;

/// <summary>A Sentry issue (a group of similar events), as listed by the project issues endpoint.</summary>
/// <param name="Id">The numeric issue id (as a string).</param>
/// <param name="ShortId">The readable id, e.g. <c>CHECKOUT-1F</c>.</param>
/// <param name="Title">The title: exception type and message.</param>
/// <param name="Culprit">Where it happened (a function, module or transaction), when known.</param>
/// <param name="Level">The level: fatal, error, warning, info or debug.</param>
/// <param name="Count">How many events the issue has.</param>
/// <param name="FirstSeen">When its first event happened.</param>
/// <param name="LastSeen">When its latest event happened.</param>
/// <param name="Project">The project slug.</param>
/// <param name="Permalink">The issue's page in Sentry.</param>
/// <param name="Status">resolved, unresolved, ignored...</param>
public sealed record SentryIssue(
    string Id,
    string? ShortId,
    string Title,
    string? Culprit,
    string? Level,
    long Count,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    string? Project,
    string? Permalink,
    string? Status)
{
    /// <summary>True when the issue had events between <paramref name="start"/> and <paramref name="end"/> (unknown dates count as yes).</summary>
    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) =>
        (LastSeen is null || LastSeen >= start) && (FirstSeen is null || FirstSeen <= end);
}
