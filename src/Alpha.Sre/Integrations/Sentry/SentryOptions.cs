namespace Alpha.Sre.Integrations.Sentry;

/// <summary>
/// Where and how to read Sentry: the API root (SaaS or self-hosted), the auth token, the organisation, which
/// issues to list and how many events of each to read.
/// </summary>
public sealed class SentryOptions : VendorOptions
{
    /// <summary>The environment variable holding the auth token.</summary>
    public const string TokenEnvironmentVariable = "SENTRY_AUTH_TOKEN";

    /// <summary>The environment variable holding the organisation slug.</summary>
    public const string OrganizationEnvironmentVariable = "SENTRY_ORG";

    /// <summary>The environment variable holding the base URL of a self-hosted Sentry.</summary>
    public const string UrlEnvironmentVariable = "SENTRY_URL";

    /// <summary>Sentry SaaS.</summary>
    public static Uri DefaultBaseUrl { get; } = new("https://sentry.io/");

    /// <summary>The organisation slug (or id) the projects belong to.</summary>
    public string? Organization { get; init; }

    /// <summary>
    /// The issue search query. Empty (the default) lists issues of every status; Sentry's own default would be
    /// <c>is:unresolved</c>, which hides issues resolved since the incident.
    /// </summary>
    public string Query { get; init; } = string.Empty;

    /// <summary>How many recent events of each issue become log entries (0: only one summary line per issue).</summary>
    public int EventsPerIssue { get; init; } = 10;

    /// <summary>The event tag naming the service (its value becomes the log entry's service); the project slug when absent.</summary>
    public string? ServiceTag { get; init; } = "service";

    /// <inheritdoc />
    internal override string TokenVariable => TokenEnvironmentVariable;

    /// <inheritdoc />
    internal override string VendorName => "Sentry";

    /// <summary>
    /// Options from the environment (<c>SENTRY_AUTH_TOKEN</c>, <c>SENTRY_ORG</c>, <c>SENTRY_URL</c>); a non-null
    /// <paramref name="organization"/> or <paramref name="baseUrl"/> (command-line options) wins over the variable.
    /// </summary>
    /// <exception cref="VendorApiException"><c>SENTRY_URL</c> is not a URL.</exception>
    public static SentryOptions FromEnvironment(Func<string, string?> environment, string? organization = null, Uri? baseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new SentryOptions
        {
            BaseUrl = baseUrl ?? ReadUrl(environment(UrlEnvironmentVariable), DefaultBaseUrl, UrlEnvironmentVariable, "Sentry"),
            Token = NullIfBlank(environment(TokenEnvironmentVariable)),
            Organization = NullIfBlank(organization) ?? NullIfBlank(environment(OrganizationEnvironmentVariable)),
        };
    }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (string.IsNullOrWhiteSpace(Token))
        {
            throw NotConfigured(
                "no auth token is set",
                $"Set {TokenEnvironmentVariable} to a Sentry auth token with the project:read and event:read scopes (Settings > Developer Settings > Personal Tokens, or an internal integration's token).");
        }

        if (string.IsNullOrWhiteSpace(Organization))
        {
            throw NotConfigured("no organisation is set", $"Pass --sentry-org or set {OrganizationEnvironmentVariable} to the organisation slug (as in https://sentry.io/organizations/<slug>/).");
        }

        if (EventsPerIssue < 0)
        {
            throw NotConfigured("EventsPerIssue must be at least 0", "Fix the options.");
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
