namespace Alpha.Mcp.Results;

/// <summary>One page of the project's docs.</summary>
/// <param name="Page">Its path, as cited (<c>docs/server.md</c>, <c>README.md</c>).</param>
/// <param name="Title">Its first heading.</param>
/// <param name="Sections">Its section headings, in order.</param>
/// <param name="Chars">Its length in characters.</param>
public sealed record PageView(string Page, string Title, IReadOnlyList<string> Sections, int Chars);
