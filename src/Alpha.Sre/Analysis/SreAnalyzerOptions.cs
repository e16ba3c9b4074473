using Alpha.Runtime;

namespace Alpha.Sre.Analysis;

/// <summary>Options of the <see cref="SreAnalyzer"/>.</summary>
public sealed record SreAnalyzerOptions
{
    /// <summary>Runtime options (timeouts, top-k, review thresholds).</summary>
    public AlphaRuntimeOptions Runtime { get; init; } = new();

    /// <summary>Reads configuration (environment variables by default): model routing and endpoints.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>When true, every agent runs deterministically whatever the environment says.</summary>
    public bool Deterministic { get; init; }
}
