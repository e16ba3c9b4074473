using System.Globalization;
using System.Text;

namespace Alpha.Sre.Integrations.Http;

/// <summary>Formatting and parsing of the values that go into vendor URLs and come back in their headers.</summary>
internal static class HttpValues
{
    /// <summary>An ISO-8601 UTC timestamp with second precision (<c>2026-04-02T13:00:00Z</c>), as both vendors accept in queries.</summary>
    public static string QueryTime(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Builds <paramref name="baseUrl"/> + <paramref name="path"/> + the non-null <paramref name="query"/> pairs, escaped.</summary>
    public static Uri Url(Uri baseUrl, string path, params (string Name, string? Value)[] query)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        var text = new StringBuilder(path.TrimStart('/'));
        var first = true;
        foreach (var (name, value) in query)
        {
            if (value is null)
            {
                continue;
            }

            text.Append(first ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            first = false;
        }

        return new Uri(root, text.ToString());
    }

    /// <summary><paramref name="uri"/> with query parameter <paramref name="name"/> set to <paramref name="value"/> (replacing any previous value).</summary>
    public static Uri WithQuery(Uri uri, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var kept = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !string.Equals(Uri.UnescapeDataString(p.Split('=')[0]), name, StringComparison.Ordinal));
        var query = string.Join('&', kept.Append($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}"));
        return new UriBuilder(uri) { Query = query }.Uri;
    }

    /// <summary>True when both URLs have the same scheme, host and port (so a token may be sent to both).</summary>
    public static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    /// <summary>A <c>Retry-After</c> value (delay seconds or an HTTP date) as the time it points at; null when unreadable.</summary>
    public static DateTimeOffset? RetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds >= 0)
        {
            return now + TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(365).TotalSeconds));
        }

        return DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
    }

    /// <summary>A Unix time in seconds (as <c>x-ratelimit-reset</c> headers carry it); null when unreadable.</summary>
    public static DateTimeOffset? UnixSeconds(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
