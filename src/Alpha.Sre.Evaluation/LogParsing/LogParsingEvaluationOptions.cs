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

    /// <summary>
    /// How many times each system's content is fed, in a row, to the one miner of a timed pass: a stream of
    /// known events after the first round, as a long-running miner sees, rather than mostly template creation.
    /// </summary>
    public int TimedRepeats { get; init; } = 10;

    /// <summary>The clock used to time the passes.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
