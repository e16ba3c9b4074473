namespace Alpha.Mcp.Results;

/// <summary>The answer of <c>fetch_page</c>: a page (or one section of it) as Markdown, cited.</summary>
/// <param name="Citation">What to cite (<c>docs/server.md</c> or <c>docs/server.md#auth</c>).</param>
/// <param name="Page">The page.</param>
/// <param name="Section">The section, when one was asked for.</param>
/// <param name="Text">The Markdown from <c>offset</c>.</param>
/// <param name="Offset">Where this text starts in the page (or section).</param>
/// <param name="TotalChars">The length of the page (or section).</param>
/// <param name="NextOffset">Pass as <c>offset</c> to read on; null at the end.</param>
public sealed record PageTextView(string Citation, string Page, string? Section, string Text, int Offset, int TotalChars, int? NextOffset);
