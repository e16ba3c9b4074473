using System.Globalization;

namespace Alpha.Runtime.Llm;

/// <summary>How long to wait before the next attempt: what the server asked for, else exponential backoff with jitter.</summary>
internal static class RetryDelay
{
    /// <summary>The delay before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    /// <param name="retry">1-based retry number.</param>
    /// <param name="baseDelay">The first backoff delay.</param>
    /// <param name="maxDelay">The cap, for both the computed delay and the server's request.</param>
    /// <param name="header">Reads a response header by name (null when absent or no response).</param>
    /// <param name="now">The current time, for HTTP-date Retry-After values.</param>
    /// <param name="random">Jitter source.</param>
    public static TimeSpan Compute(int retry, TimeSpan baseDelay, TimeSpan maxDelay, Func<string, string?> header, DateTimeOffset now, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        if (FromHeaders(header, now) is { } asked)
        {
            return Min(asked, maxDelay);
        }

        // Equal jitter: half the exponential delay is fixed, half random, so concurrent callers spread out
        // without any of them retrying immediately.
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (random.NextDouble() * capped / 2));
    }

    /// <summary>
    /// The wait the server asked for: <c>retry-after-ms</c> (milliseconds, as OpenAI and Azure send it), else
    /// <c>Retry-After</c> in seconds or as an HTTP date. Null when neither is present or readable.
    /// </summary>
    public static TimeSpan? FromHeaders(Func<string, string?> header, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header("retry-after-ms") is { } ms
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
            && double.IsFinite(milliseconds) && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(Math.Min(milliseconds, TimeSpan.MaxValue.TotalMilliseconds / 2));
        }

        if (header("Retry-After") is { } value)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));
            }

            if (DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var wait = date - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return null;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
