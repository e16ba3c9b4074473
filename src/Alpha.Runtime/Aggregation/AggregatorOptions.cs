namespace Alpha.Runtime.Aggregation;

/// <summary>How the aggregator ranks.</summary>
public sealed record AggregatorOptions
{
    /// <summary>How many ranked hypotheses to return (default 5).</summary>
    public int TopK { get; init; } = 5;

    /// <summary>Score bonus for each distinct agent beyond the first that agrees with a group (default 0.1).</summary>
    public double AgreementBonus { get; init; } = 0.1;

    /// <summary>
    /// When true (the default), a label whose stems are all contained in another group's stems joins that
    /// group ("pool exhausted" joins "database connection pool exhausted"), provided it has at least
    /// <see cref="MinSubsetTokens"/> stems.
    /// </summary>
    public bool MergeSubsets { get; init; } = true;

    /// <summary>Fewest stems a label needs before it may join a larger group by containment (default 2).</summary>
    public int MinSubsetTokens { get; init; } = 2;

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (TopK < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TopK), TopK, "top_k must be at least 1.");
        }

        if (!double.IsFinite(AgreementBonus) || AgreementBonus < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(AgreementBonus), AgreementBonus, "The agreement bonus must be a non-negative number.");
        }

        if (MinSubsetTokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinSubsetTokens), MinSubsetTokens, "Must be at least 1.");
        }
    }
}
