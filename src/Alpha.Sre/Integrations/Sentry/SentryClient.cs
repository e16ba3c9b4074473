using System.Text.Json;
using Alpha.Sre.Integrations.Http;

namespace Alpha.Sre.Integrations.Sentry;

/// <summary>
/// A thin typed client over Sentry's REST API (<c>/api/0/</c>): the issues of a project in a time window and the
/// recent events of an issue. Pagination follows the <c>Link</c> header's cursors up to
/// <see cref="VendorOptions.MaxPages"/>; rate limits are waited out when they reset within
/// <see cref="VendorOptions.MaxRateLimitWait"/>; every failure is a <see cref="VendorApiException"/>.
/// </summary>
public sealed class SentryClient
{
    private readonly VendorTransport _transport;
    private readonly Uri _apiRoot;

    /// <summary>Creates a client; <paramref name="http"/> is not disposed by it.</summary>
    /// <exception cref="VendorApiException">The options are incomplete (<see cref="VendorFailure.NotConfigured"/>).</exception>
    public SentryClient(HttpClient http, SentryOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _transport = new VendorTransport(http, new SentryDialect(options), time ?? TimeProvider.System);
        _apiRoot = ApiRoot(options.BaseUrl);
    }

    /// <summary>The options in use.</summary>
    public SentryOptions Options { get; }

    /// <summary>
    /// The issues of <paramref name="project"/> with events between <paramref name="start"/> and <paramref name="end"/>
    /// (<c>GET /api/0/projects/{org}/{project}/issues/?start=&amp;end=&amp;query=</c>), in Sentry's order.
    /// </summary>
    public async Task<PagedList<SentryIssue>> ListIssuesAsync(string project, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(project);
        var organization = Options.Organization!;
        var uri = HttpValues.Url(
            _apiRoot,
            $"projects/{Uri.EscapeDataString(organization)}/{Uri.EscapeDataString(project)}/issues/",
            ("start", HttpValues.QueryTime(start)),
            ("end", HttpValues.QueryTime(end)),
            ("query", Options.Query));
        var issues = new List<SentryIssue>();
        var more = await _transport.ReadPagesAsync(
            uri,
            $"listing the issues of project {organization}/{project}",
            page =>
            {
                issues.AddRange(Array(page).Select(ReadIssue).OfType<SentryIssue>());
                return true;
            },
            cancellationToken);

        // The project endpoint may ignore start/end on older Sentry versions; the dates decide.
        return new PagedList<SentryIssue>([.. issues.Where(i => i.Overlaps(start, end))], more);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> events of issue <paramref name="issueId"/> between <paramref name="start"/> and
    /// <paramref name="end"/> (<c>GET /api/0/organizations/{org}/issues/{id}/events/</c>), newest first.
    /// </summary>
    public async Task<PagedList<SentryEvent>> ListIssueEventsAsync(string issueId, DateTimeOffset start, DateTimeOffset end, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issueId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var uri = HttpValues.Url(
            _apiRoot,
            $"organizations/{Uri.EscapeDataString(Options.Organization!)}/issues/{Uri.EscapeDataString(issueId)}/events/",
            ("start", HttpValues.QueryTime(start)),
            ("end", HttpValues.QueryTime(end)));
        var events = new List<SentryEvent>();
        var more = await _transport.ReadPagesAsync(
            uri,
            $"listing the events of issue {issueId}",
            page =>
            {
                events.AddRange(Array(page).Select(ReadEvent).OfType<SentryEvent>().Take(limit - events.Count));
                return events.Count < limit;
            },
            cancellationToken);
        return new PagedList<SentryEvent>(events, more);
    }

    /// <summary>The <c>/api/0/</c> root under a base URL, whether or not the user already included it.</summary>
    private static Uri ApiRoot(Uri baseUrl)
    {
        var text = baseUrl.AbsoluteUri.TrimEnd('/');
        if (text.EndsWith("/api/0", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^"/api/0".Length];
        }

        return new Uri(text + "/api/0/");
    }

    private static JsonElement.ArrayEnumerator Array(VendorResponse page) =>
        page.Body.ValueKind == JsonValueKind.Array
            ? page.Body.EnumerateArray()
            : throw new VendorApiException("Sentry", VendorFailure.InvalidResponse, $"GET {page.RequestUri} answered a JSON {page.Body.ValueKind}, not the documented list", "Check that the base URL is a Sentry server.", 200, page.RequestUri);

    private static SentryIssue? ReadIssue(JsonElement e)
    {
        if (JsonFields.String(e, "id") is not { Length: > 0 } id)
        {
            return null;
        }

        return new SentryIssue(
            id,
            JsonFields.String(e, "shortId"),
            JsonFields.String(e, "title") is { Length: > 0 } title ? title : JsonFields.String(e, "metadata", "title") ?? "(untitled issue)",
            JsonFields.String(e, "culprit"),
            JsonFields.String(e, "level"),
            JsonFields.Integer(e, "count") ?? 0,
            JsonFields.Time(e, "firstSeen"),
            JsonFields.Time(e, "lastSeen"),
            JsonFields.String(e, "project", "slug"),
            JsonFields.String(e, "permalink"),
            JsonFields.String(e, "status"));
    }

    private static SentryEvent? ReadEvent(JsonElement e)
    {
        if ((JsonFields.String(e, "eventID") ?? JsonFields.String(e, "id")) is not { Length: > 0 } id)
        {
            return null;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in JsonFields.Items(e, "tags"))
        {
            if (JsonFields.String(tag, "key") is { } key && JsonFields.String(tag, "value") is { } value)
            {
                tags[key] = value;
            }
        }

        return new SentryEvent(
            id,
            JsonFields.String(e, "title"),
            JsonFields.String(e, "message"),
            JsonFields.String(e, "culprit") ?? JsonFields.String(e, "location"),
            JsonFields.Time(e, "dateCreated") ?? JsonFields.Time(e, "timestamp"),
            tags);
    }
}
