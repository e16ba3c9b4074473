namespace Alpha.Runtime.Resilience;

/// <summary>How often and how long an outbound HTTP call is retried (see <see cref="HttpResilience"/>).</summary>
/// <param name="MaxRetries">Retries after the first attempt; 0 disables retrying.</param>
/// <param name="BaseDelay">The first backoff delay; each retry doubles it, with jitter.</param>
/// <param name="MaxDelay">The longest single wait, whether computed or asked for by the server.</param>
public sealed record HttpRetryOptions(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay);
