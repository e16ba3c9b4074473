using Alpha.Platform.Pricing;

namespace Alpha.Hosting.Analysis;

/// <summary>Labels and settings of a recorded analysis run.</summary>
public sealed record AnalysisRunOptions
{
    /// <summary>The experiment the run belongs to; generated when null.</summary>
    public string? ExperimentId { get; init; }

    /// <summary>The test case, when the run is part of an evaluation.</summary>
    public string? TestId { get; init; }

    /// <summary>The run this one replays, if any.</summary>
    public string? ParentRunId { get; init; }

    /// <summary>Where the incident came from (a file path, <c>stdin</c>), recorded with the inputs.</summary>
    public string? Source { get; init; }

    /// <summary>Prices model calls.</summary>
    public PriceTable Prices { get; init; } = PriceTable.Default;

    /// <summary>Receives every frame of the run as it is recorded (see <see cref="Alpha.Platform.Recording.RunRecorderOptions.OnFrame"/>).</summary>
    public Action<Alpha.Platform.Ledger.RunFrame>? OnFrame { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
