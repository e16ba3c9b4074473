namespace Alpha.Mcp.Results;

/// <summary>The answer of <c>search</c>.</summary>
/// <param name="Query">The query as searched.</param>
/// <param name="Hits">The best sections first.</param>
public sealed record SearchView(string Query, IReadOnlyList<SearchHitView> Hits);
