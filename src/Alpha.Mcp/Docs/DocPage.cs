namespace Alpha.Mcp.Docs;

/// <summary>One Markdown page of the project's docs, split into sections.</summary>
/// <param name="Page">Its path in the repository (<c>docs/server.md</c>, <c>README.md</c>).</param>
/// <param name="Title">Its first heading (its path when it has none).</param>
/// <param name="Text">Its Markdown.</param>
/// <param name="Sections">Its sections in order.</param>
public sealed record DocPage(string Page, string Title, string Text, IReadOnlyList<DocSection> Sections);
