using System.Globalization;
using System.Net.Http.Headers;
using Alpha.Sre.Integrations.Http;

namespace Alpha.Sre.Integrations.GitHub;

/// <summary>
/// GitHub's REST conventions: the <c>application/vnd.github+json</c> media type and API version header; rate limits
/// signalled by 403 or 429 with <c>x-ratelimit-remaining: 0</c> and <c>x-ratelimit-reset</c> (primary) or
/// <c>retry-after</c> or a "secondary rate limit" message (secondary); and <c>Link</c> pagination with
/// <c>rel="next"</c> URLs.
/// </summary>
internal sealed class GitHubDialect : VendorDialect
{
    /// <summary>GitHub asks for at least a minute when a secondary limit names no wait.</summary>
    private static readonly TimeSpan SecondaryWait = TimeSpan.FromMinutes(1);

    public GitHubDialect(GitHubOptions options)
        : base(options)
    {
    }

    private bool HasToken => !string.IsNullOrWhiteSpace(Options.Token);

    public override void Prepare(HttpRequestMessage request)
    {
        base.Prepare(request);
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
    }

    public override RateLimit? ReadRateLimit(HttpResponseMessage response, string? serverMessage, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        if (status is not (403 or 429))
        {
            return null;
        }

        if (HttpValues.RetryAfter(Header(response, "retry-after"), now) is { } retryAt)
        {
            return new RateLimit(retryAt, "GitHub secondary rate limit");
        }

        if (Header(response, "x-ratelimit-remaining") == "0")
        {
            var limit = Header(response, "x-ratelimit-limit");
            var description = limit is null ? "GitHub rate limit" : string.Create(CultureInfo.InvariantCulture, $"GitHub rate limit of {limit} requests per hour");
            return new RateLimit(HttpValues.UnixSeconds(Header(response, "x-ratelimit-reset")) ?? now + SecondaryWait, description);
        }

        if (status == 429 || (serverMessage?.Contains("rate limit", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return new RateLimit(now + SecondaryWait, "GitHub secondary rate limit");
        }

        return null;
    }

    public override Uri? NextPage(Uri current, IReadOnlyList<LinkValue> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        var next = links.FirstOrDefault(l => l.Is("next"));
        return next is null ? null : SameOriginTarget(current, next.Target);
    }

    public override string Hint(VendorFailure failure, string resource) => failure switch
    {
        VendorFailure.Unauthorized => HasToken
            ? $"Check {GitHubOptions.TokenEnvironmentVariable}: GitHub did not accept it (expired, revoked, or made for another GitHub than {Options.BaseUrl})."
            : $"Set {GitHubOptions.TokenEnvironmentVariable} to a GitHub token that can read the repository.",
        VendorFailure.Forbidden => HasToken
            ? $"The token in {GitHubOptions.TokenEnvironmentVariable} may not read this repository: a fine-grained token needs Contents: read on it, a classic token the repo scope for private repositories, and organisations with SAML SSO need the token authorised."
            : $"Set {GitHubOptions.TokenEnvironmentVariable} to a token that can read the repository.",
        VendorFailure.NotFound => HasToken
            ? $"Check --github-repo (owner/name) and --github-ref; GitHub also answers 404 for private repositories the token in {GitHubOptions.TokenEnvironmentVariable} cannot see. For GitHub Enterprise Server set {GitHubOptions.UrlEnvironmentVariable} (now {Options.BaseUrl})."
            : $"Check --github-repo (owner/name) and --github-ref; for a private repository set {GitHubOptions.TokenEnvironmentVariable} (GitHub answers 404 when it cannot see it). For GitHub Enterprise Server set {GitHubOptions.UrlEnvironmentVariable}.",
        VendorFailure.RateLimited => HasToken
            ? "Wait until the limit resets and run the command again, or fetch a shorter window."
            : $"Set {GitHubOptions.TokenEnvironmentVariable}: authenticated requests get 5,000 an hour instead of 60; or wait until the limit resets.",
        VendorFailure.ServerError => "GitHub failed; try again in a few minutes (status: https://www.githubstatus.com).",
        VendorFailure.Unreachable => $"Check the network and {GitHubOptions.UrlEnvironmentVariable} (now {Options.BaseUrl}).",
        VendorFailure.InvalidResponse => $"Check that {Options.BaseUrl} is a GitHub REST API root (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server).",
        _ => "Check the request's options.",
    };

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
