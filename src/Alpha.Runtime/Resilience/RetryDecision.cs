namespace Alpha.Runtime.Resilience;

/// <summary>What <see cref="HttpResilience"/> does with one failed attempt: give up, back off, or wait as long as the server asked.</summary>
/// <param name="Retry">Whether the attempt is worth repeating.</param>
/// <param name="After">The wait the server asked for (Retry-After, a rate-limit reset); null means exponential backoff with jitter.</param>
public readonly record struct RetryDecision(bool Retry, TimeSpan? After = null)
{
    /// <summary>Do not retry: the failure is final.</summary>
    public static RetryDecision No => default;

    /// <summary>Retry after the policy's exponential backoff.</summary>
    public static RetryDecision Backoff => new(true);

    /// <summary>Retry after <paramref name="wait"/> when the server named one, else after the backoff.</summary>
    public static RetryDecision Wait(TimeSpan? wait) => new(true, wait);
}
