using System.Globalization;
using Alpha.Runtime.Schemas;

namespace Alpha.Sre.Agents;

/// <summary>Typed reads of the attributes the SRE extractors put on signals.</summary>
public static class SignalFacts
{
    /// <summary>An attribute, or null.</summary>
    public static string? Attr(this Signal signal, string name) =>
        signal.Attributes is { } a && a.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    /// <summary>A numeric attribute, or null.</summary>
    public static double? Number(this Signal signal, string name) =>
        double.TryParse(signal.Attr(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>The signal's strength for ranking: its value when positive, else a severity-based default.</summary>
    public static double Strength(this Signal signal) => signal.Value is { } v && v > 0 ? v : signal.Severity switch
    {
        Severity.High => 10,
        Severity.Medium => 5,
        _ => 2,
    };

    /// <summary>
    /// Maps a strength (robust score, in baseline scales) to a confidence below 0.97 that keeps growing with
    /// the logarithm of the strength, so that a 1,000-scale change still outranks a 100-scale one:
    /// 3 -> 0.47, 10 -> 0.60, 30 -> 0.67, 100 -> 0.73, 1000 -> 0.80.
    /// </summary>
    public static double ConfidenceFromStrength(double strength)
    {
        var g = Math.Log(1 + Math.Max(strength, 0));
        return Math.Round(0.97 * g / (g + 1.5), 4);
    }
}
