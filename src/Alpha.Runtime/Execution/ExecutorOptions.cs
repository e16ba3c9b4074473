namespace Alpha.Runtime.Execution;

/// <summary>Options of the <see cref="ParallelExecutor"/>.</summary>
public sealed record ExecutorOptions
{
    /// <summary>Timeout of an agent that does not set its own (default 30 s).</summary>
    public TimeSpan DefaultAgentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (DefaultAgentTimeout <= TimeSpan.Zero && DefaultAgentTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultAgentTimeout), DefaultAgentTimeout, "The agent timeout must be positive (or infinite).");
        }
    }
}
