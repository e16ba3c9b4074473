using Alpha.Sre.Integrations.Http;

namespace Alpha.Sre.Integrations.Sentry;

/// <summary>
/// Sentry's API conventions: 429 with <c>Retry-After</c> or <c>X-Sentry-Rate-Limit-Reset</c> when rate limited, and
/// cursor pagination where the <c>Link</c> header's <c>rel="next"</c> link says <c>results="true"</c> while more
/// results exist.
/// </summary>
internal sealed class SentryDialect : VendorDialect
{
    /// <summary>The wait when a 429 names no reset time.</summary>
    private static readonly TimeSpan UnspecifiedWait = TimeSpan.FromSeconds(5);

    public SentryDialect(SentryOptions options)
        : base(options)
    {
        Sentry = options;
    }

    private SentryOptions Sentry { get; }

    public override RateLimit? ReadRateLimit(HttpResponseMessage response, string? serverMessage, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        if ((int)response.StatusCode != 429)
        {
            return null;
        }

        var resetsAt = HttpValues.RetryAfter(Header(response, "Retry-After"), now)
            ?? HttpValues.UnixSeconds(Header(response, "X-Sentry-Rate-Limit-Reset"))
            ?? now + UnspecifiedWait;
        var limit = Header(response, "X-Sentry-Rate-Limit-Limit");
        return new RateLimit(resetsAt, limit is null ? "Sentry rate limit" : $"Sentry rate limit ({limit} requests per window)");
    }

    public override Uri? NextPage(Uri current, IReadOnlyList<LinkValue> links)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(links);
        var next = links.FirstOrDefault(l => l.Is("next"));
        if (next is null || string.Equals(next["results"], "false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // The cursor is all that changes between pages; re-using our own URL keeps the token on the configured host
        // even when Sentry links to a regional domain.
        return next["cursor"] is { Length: > 0 } cursor ? HttpValues.WithQuery(current, "cursor", cursor) : SameOriginTarget(current, next.Target);
    }

    public override string Hint(VendorFailure failure, string resource) => failure switch
    {
        VendorFailure.Unauthorized => $"Check {SentryOptions.TokenEnvironmentVariable}: Sentry did not accept it (revoked, mistyped, or made for another Sentry than {Options.BaseUrl}).",
        VendorFailure.Forbidden => $"The token in {SentryOptions.TokenEnvironmentVariable} may not read this: give it the project:read and event:read scopes, and make sure its user is a member of the project's team.",
        VendorFailure.NotFound => $"Check the organisation slug (--sentry-org or {SentryOptions.OrganizationEnvironmentVariable}, now '{Sentry.Organization}') and the project slug (--sentry-project); for self-hosted Sentry set {SentryOptions.UrlEnvironmentVariable} (now {Options.BaseUrl}).",
        VendorFailure.RateLimited => "Wait until the limit resets and run the command again, or fetch a shorter window.",
        VendorFailure.ServerError => "Sentry failed; try again in a few minutes (status: https://status.sentry.io).",
        VendorFailure.Unreachable => $"Check the network and {SentryOptions.UrlEnvironmentVariable} (now {Options.BaseUrl}).",
        VendorFailure.InvalidResponse => $"Check that {Options.BaseUrl} is a Sentry server ({SentryOptions.UrlEnvironmentVariable} is the web root, without /api/0).",
        _ => "Check the request's options.",
    };

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
