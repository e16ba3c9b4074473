namespace Alpha.Mcp.Results;

/// <summary>The answer of <c>list_pages</c>.</summary>
/// <param name="Pages">Every page, by path.</param>
public sealed record PageListView(IReadOnlyList<PageView> Pages);
