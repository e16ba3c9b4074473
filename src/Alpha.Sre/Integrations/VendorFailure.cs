namespace Alpha.Sre.Integrations;

/// <summary>Why a call to a vendor API (Sentry, GitHub) failed; decides the hint and the CLI exit code.</summary>
public enum VendorFailure
{
    /// <summary>The client is not configured (no token, no organisation, a bad base URL); nothing was sent.</summary>
    NotConfigured,

    /// <summary>HTTP 401: the token is missing, invalid or expired.</summary>
    Unauthorized,

    /// <summary>HTTP 403 (not a rate limit): the token may not read this resource.</summary>
    Forbidden,

    /// <summary>HTTP 404: the organisation, project, repository, issue or commit does not exist (or the token cannot see it).</summary>
    NotFound,

    /// <summary>The vendor's rate limit is exhausted and resets too late to wait for, or kept refusing after the allowed retries.</summary>
    RateLimited,

    /// <summary>Another 4xx status: the vendor rejected the request.</summary>
    Rejected,

    /// <summary>A 5xx status: the vendor failed.</summary>
    ServerError,

    /// <summary>No response: the host could not be reached or the request timed out.</summary>
    Unreachable,

    /// <summary>A response that is not the documented shape (not JSON, a missing field, a link to another host).</summary>
    InvalidResponse,
}
