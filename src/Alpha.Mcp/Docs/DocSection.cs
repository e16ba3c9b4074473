namespace Alpha.Mcp.Docs;

/// <summary>One section of a page: from its heading to the next heading of any level.</summary>
/// <param name="Page">The page's path (<c>docs/server.md</c>).</param>
/// <param name="Heading">The heading's text (the page's title for text before the first heading).</param>
/// <param name="Anchor">The heading's anchor as GitHub writes it (<c>auth</c>, <c>data-tools-mcpdatatoolstoolinvoke</c>).</param>
/// <param name="Text">The section's Markdown, heading included.</param>
public sealed record DocSection(string Page, string Heading, string Anchor, string Text)
{
    /// <summary>What to cite: <c>page#anchor</c>.</summary>
    public string Citation => $"{Page}#{Anchor}";
}
