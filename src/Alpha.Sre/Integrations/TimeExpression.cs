using System.Globalization;
using System.Text.RegularExpressions;

namespace Alpha.Sre.Integrations;

/// <summary>
/// Reads the times people type for a fetch window: ISO-8601 (<c>2026-04-02T13:00:00Z</c>; UTC when no offset is
/// given), <c>now</c>, or a duration before now (<c>90s</c>, <c>30m</c>, <c>2h</c>, <c>1d</c>, <c>1w</c>, <c>1h30m</c>).
/// </summary>
public static partial class TimeExpression
{
    /// <summary>The forms accepted, for error messages.</summary>
    public const string Forms = "an ISO-8601 time (2026-04-02T13:00:00Z), 'now', or a duration before now (90s, 30m, 2h, 1d, 1w, 1h30m)";

    /// <summary>Parses <paramref name="text"/>; relative forms count back from <paramref name="now"/>.</summary>
    public static bool TryParse(string? text, DateTimeOffset now, out DateTimeOffset time)
    {
        time = default;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (string.Equals(value, "now", StringComparison.OrdinalIgnoreCase))
        {
            time = now;
            return true;
        }

        if (Relative().Match(value) is { Success: true } match)
        {
            var span = TimeSpan.Zero;
            foreach (Capture part in match.Groups["part"].Captures)
            {
                var unitStart = part.Value.IndexOfAny(['s', 'm', 'h', 'd', 'w']);
                var amount = double.Parse(part.Value[..unitStart], NumberStyles.Float, CultureInfo.InvariantCulture);
                span += part.Value[unitStart] switch
                {
                    's' => TimeSpan.FromSeconds(amount),
                    'm' => TimeSpan.FromMinutes(amount),
                    'h' => TimeSpan.FromHours(amount),
                    'd' => TimeSpan.FromDays(amount),
                    _ => TimeSpan.FromDays(7 * amount),
                };
            }

            time = now - span;
            return true;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
            && value.Any(char.IsDigit) && value.Contains('-', StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(?<part>\d+(?:\.\d+)?[smhdw])+$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Relative();
}
