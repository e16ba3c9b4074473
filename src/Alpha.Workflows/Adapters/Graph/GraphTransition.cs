using Alpha.Platform.Specs;

namespace Alpha.Workflows.Adapters.Graph;

/// <summary>A possible move after step <paramref name="From"/>: to step <paramref name="To"/> (or <see cref="End"/>) when <paramref name="When"/> holds (null: always).</summary>
internal sealed record GraphTransition(string From, string To, EdgeCondition? When)
{
    /// <summary>The reserved target that ends the graph.</summary>
    public const string End = "end";
}
