namespace Alpha.Sre.Integrations.Sentry;

/// <summary>One event of a Sentry issue, as listed by the issue events endpoint.</summary>
/// <param name="Id">The event id.</param>
/// <param name="Title">The event title (usually the issue's).</param>
/// <param name="Message">The log message, when the event is a message.</param>
/// <param name="Culprit">Where it happened, when the event says.</param>
/// <param name="Timestamp">When it happened (<c>dateCreated</c>).</param>
/// <param name="Tags">Its tags (environment, release, level, server_name, service...).</param>
public sealed record SentryEvent(string Id, string? Title, string? Message, string? Culprit, DateTimeOffset? Timestamp, IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>A tag's value, or null.</summary>
    public string? Tag(string key) => Tags.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
