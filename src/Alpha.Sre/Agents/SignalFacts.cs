using Alpha.Runtime.Schemas;
using Alpha.Sre.Signals.Evidence;
using Alpha.Sre.Signals.Metrics;

namespace Alpha.Sre.Agents;

/// <summary>Shared reads of the SRE signals' typed payloads (<see cref="SreEvidence"/>) and strengths.</summary>
public static class SignalFacts
{
    /// <summary>The signal's measured evidence (metric change or level, trace finding), or null.</summary>
    public static MetricEvidence? Measured(this Signal signal) => signal.Payload as MetricEvidence;

    /// <summary>What the signal's measured evidence measures, or null when it is not a measurement.</summary>
    public static MetricKind? MeasuredKind(this Signal signal) => signal.Measured()?.MetricKind;

    /// <summary>The service a log signal's message names as the callee of a failing call, or null.</summary>
    public static string? TargetService(this Signal signal) => (signal.Payload as LogTemplateBurst)?.TargetService;

    /// <summary>The service a symptom points at: a log signal's named callee when it has one, else its own service.</summary>
    public static string? SuspectService(this Signal signal) => signal.Source == "logs" && signal.TargetService() is { } target ? target : signal.Service;

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
