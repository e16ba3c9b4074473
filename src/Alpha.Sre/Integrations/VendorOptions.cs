namespace Alpha.Sre.Integrations;

/// <summary>Settings every vendor client shares: where the API is, the token, the User-Agent, and the page and rate-limit budgets.</summary>
public abstract class VendorOptions
{
    /// <summary>The User-Agent sent when none is set: the product name and the assembly version.</summary>
    public static string DefaultUserAgent { get; } = $"Alpha/{typeof(VendorOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"} (incident fetch)";

    /// <summary>The API base URL (the vendor's public API unless overridden for a self-hosted or enterprise install).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The API token sent as <c>Authorization: Bearer</c>; null sends no Authorization header.</summary>
    public string? Token { get; init; }

    /// <summary>The User-Agent header (GitHub rejects requests without one).</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>At most this many pages are read from one paginated endpoint; more are reported as <see cref="PagedList{T}.MorePages"/>.</summary>
    public int MaxPages { get; init; } = 10;

    /// <summary>How many times a rate-limited request is retried after waiting for the limit to reset.</summary>
    public int MaxRateLimitRetries { get; init; } = 3;

    /// <summary>The longest wait for a rate limit to reset; a later reset fails at once, stating when it resets.</summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The environment variable that holds the token, for messages.</summary>
    internal abstract string TokenVariable { get; }

    /// <summary>The vendor's name, for messages.</summary>
    internal abstract string VendorName { get; }

    /// <summary>Checks the shared settings; vendors add their own checks.</summary>
    /// <exception cref="VendorApiException">A setting is unusable (<see cref="VendorFailure.NotConfigured"/>).</exception>
    public virtual void Validate()
    {
        if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("http" or "https"))
        {
            throw NotConfigured($"the base URL '{BaseUrl}' is not an absolute http(s) URL", "Give the API root, e.g. https://sentry.io or https://api.github.com.");
        }

        if (string.IsNullOrWhiteSpace(UserAgent))
        {
            throw NotConfigured("the User-Agent is empty", "Set a User-Agent naming the tool.");
        }

        if (MaxPages < 1 || MaxRateLimitRetries < 0 || MaxRateLimitWait < TimeSpan.Zero)
        {
            throw NotConfigured("MaxPages must be at least 1, MaxRateLimitRetries and MaxRateLimitWait at least 0", "Fix the options.");
        }
    }

    /// <summary>A <see cref="VendorFailure.NotConfigured"/> error of this vendor.</summary>
    internal VendorApiException NotConfigured(string problem, string hint) => new(VendorName, VendorFailure.NotConfigured, problem, hint);

    /// <summary>Reads a URL setting, naming the variable when it is not an absolute http(s) URL.</summary>
    internal static Uri ReadUrl(string? value, Uri fallback, string variable, string vendor)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new VendorApiException(vendor, VendorFailure.NotConfigured, $"{variable}='{value}' is not an absolute http(s) URL", $"Set {variable} to the API root, e.g. {fallback}.");
    }
}
