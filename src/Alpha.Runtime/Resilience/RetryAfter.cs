using System.Globalization;

namespace Alpha.Runtime.Resilience;

/// <summary>Reads the wait a server asked for before the next attempt.</summary>
public static class RetryAfter
{
    /// <summary>
    /// The wait the server asked for: <c>retry-after-ms</c> (milliseconds, as OpenAI and Azure send it), else
    /// <c>Retry-After</c> in seconds or as an HTTP date. Null when neither is present or readable.
    /// </summary>
    /// <param name="header">Reads a response header by name (null when absent).</param>
    /// <param name="now">The current time, for HTTP-date values.</param>
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
}
