namespace Alpha.Sre.Integrations;

/// <summary>
/// A call to a vendor API failed for good. The message names the vendor, what was being read, the HTTP status, the
/// vendor's own explanation and what to do about it (set a token, check a slug, wait for the rate limit to reset).
/// </summary>
public sealed class VendorApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="vendor">The vendor's name, e.g. <c>Sentry</c> or <c>GitHub</c>.</param>
    /// <param name="failure">The kind of failure.</param>
    /// <param name="problem">What went wrong, e.g. <c>listing issues of acme/checkout failed with HTTP 404 (NotFound)</c>.</param>
    /// <param name="hint">What to do about it.</param>
    /// <param name="statusCode">The HTTP status of the last response; null when none was received.</param>
    /// <param name="requestUri">The URL of the failed request; null when nothing was sent.</param>
    /// <param name="resetsAt">For <see cref="VendorFailure.RateLimited"/>: when the vendor said the limit resets.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public VendorApiException(
        string vendor,
        VendorFailure failure,
        string problem,
        string hint,
        int? statusCode = null,
        Uri? requestUri = null,
        DateTimeOffset? resetsAt = null,
        Exception? innerException = null)
        : base($"{vendor}: {problem}. {hint}".TrimEnd(), innerException)
    {
        Vendor = vendor;
        Failure = failure;
        Hint = hint;
        StatusCode = statusCode;
        RequestUri = requestUri;
        ResetsAt = resetsAt;
    }

    /// <summary>The vendor's name.</summary>
    public string Vendor { get; }

    /// <summary>The kind of failure.</summary>
    public VendorFailure Failure { get; }

    /// <summary>What to do about it.</summary>
    public string Hint { get; }

    /// <summary>The HTTP status of the last response; null when none was received.</summary>
    public int? StatusCode { get; }

    /// <summary>The URL of the failed request; null when nothing was sent.</summary>
    public Uri? RequestUri { get; }

    /// <summary>When the rate limit resets, for <see cref="VendorFailure.RateLimited"/>.</summary>
    public DateTimeOffset? ResetsAt { get; }
}
