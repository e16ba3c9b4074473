using Alpha.Sre.Logs;

namespace Alpha.Sre.Evaluation.LogParsing;

/// <summary>Settings of <see cref="LogParsingEvaluation.RunAsync"/>.</summary>
public sealed record LogParsingEvaluationOptions
{
    /// <summary>The miner settings, the same for every system.</summary>
    public LogTemplateMinerOptions Miner { get; init; } = new();

    /// <summary>Whether to also score raw lines cut by <see cref="LogLineSplitter"/>.</summary>
    public bool IncludeRawLines { get; init; } = true;

    /// <summary>Only these systems (case-insensitive); all found when null.</summary>
    public IReadOnlyCollection<string>? Systems { get; init; }

    /// <summary>Timed passes over the content for the throughput figure (the best one counts); 0 skips timing.</summary>
    public int TimedPasses { get; init; } = 3;

    /// <summary>The clock used to time the passes.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
