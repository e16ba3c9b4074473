namespace Alpha.Mcp.Results;

/// <summary>One section of the docs that matches a query, with where to read it.</summary>
/// <param name="Citation">The page and section anchor (<c>docs/server.md#auth</c>).</param>
/// <param name="Page">The page.</param>
/// <param name="Section">The section heading.</param>
/// <param name="Snippet">The lines that match.</param>
/// <param name="Score">Relevance (higher is better; only an order within one answer).</param>
public sealed record SearchHitView(string Citation, string Page, string Section, string Snippet, double Score);
