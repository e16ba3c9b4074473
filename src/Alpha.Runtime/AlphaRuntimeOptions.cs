using Alpha.Runtime.Aggregation;
using Alpha.Runtime.Execution;

namespace Alpha.Runtime;

/// <summary>Options of an <see cref="AlphaRuntime"/>.</summary>
public sealed record AlphaRuntimeOptions
{
    /// <summary>Agent timeouts.</summary>
    public ExecutorOptions Executor { get; init; } = new();

    /// <summary>Grouping, bonus and top-k.</summary>
    public AggregatorOptions Aggregator { get; init; } = new();

    /// <summary>When an answer requires human review.</summary>
    public HumanReviewPolicy HumanReview { get; init; } = new();
}
