using Alpha.Runtime.Events;

namespace Alpha.Hosting.Analysis;

/// <summary>What a host may change when it composes an analysis from its spec.</summary>
public sealed record AnalysisCompositionOptions
{
    /// <summary>Reads configuration (environment variables by default): model routing and endpoints.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>When true, every agent runs deterministically whatever the environment says.</summary>
    public bool Deterministic { get; init; }

    /// <summary>Replaces the spec's <c>top_k</c> (the effective spec, as recorded, carries it).</summary>
    public int? TopK { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The hub the analyzer publishes on; a new one when null.</summary>
    public EventHub? Events { get; init; }
}
