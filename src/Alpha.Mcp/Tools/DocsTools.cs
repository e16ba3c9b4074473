using System.ComponentModel;
using System.Text;
using Alpha.Mcp.Docs;
using Alpha.Mcp.Results;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Alpha.Mcp.Tools;

/// <summary>The project's own docs (README.md and docs/*.md): list the pages, search them, read one; every answer cites its page.</summary>
[McpServerToolType]
internal sealed class DocsTools(DocsLibrary docs)
{
    /// <summary>The most characters one fetch_page answer carries.</summary>
    public const int MaxChars = 50_000;

    [McpServerTool(Name = "list_pages", Title = "List Alpha's docs", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(PageListView))]
    [Description("List Alpha's documentation pages (README.md and docs/*.md) with their titles and section headings.")]
    public CallToolResult ListPages()
    {
        var view = new PageListView([.. docs.Pages.Select(p => new PageView(p.Page, p.Title, [.. p.Sections.Select(s => s.Heading).Skip(1)], p.Text.Length))]);
        var text = new StringBuilder($"{view.Pages.Count} pages:");
        foreach (var page in view.Pages)
        {
            text.Append($"\n- {page.Page}: {page.Title} ({page.Sections.Count} sections)");
        }

        return ToolResults.Of(view, text.ToString());
    }

    [McpServerTool(Name = "search", Title = "Search Alpha's docs", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(SearchView))]
    [Description("Search Alpha's documentation for sections about a topic (words, not a question works best: 'bearer token revoke'). Each hit cites its page and section (docs/server.md#auth); fetch_page reads it whole.")]
    public CallToolResult Search(
        [Description("The words to look for.")] string query,
        [Description("How many sections to return, 1-20 (default 5).")] int limit = 5)
    {
        var words = Arguments.Required(query, "query", "the words to look for, e.g. 'kill a run'");
        Arguments.Range(limit, "limit", 1, 20);
        var hits = docs.Search(words, limit).Select(h => new SearchHitView(h.Section.Citation, h.Section.Page, h.Section.Heading, h.Snippet, h.Score)).ToArray();
        var view = new SearchView(words, hits);
        var text = new StringBuilder(hits.Length == 0 ? $"No section of the docs mentions '{words}'; list_pages shows what there is." : $"{hits.Length} sections about '{words}', best first:");
        foreach (var hit in hits)
        {
            text.Append($"\n- [{hit.Citation}] {hit.Section}: {hit.Snippet}");
        }

        return ToolResults.Of(view, text.ToString());
    }

    [McpServerTool(Name = "fetch_page", Title = "Read a page of Alpha's docs", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(PageTextView))]
    [Description("Read one page of Alpha's documentation as Markdown, or one section of it, citing it. Long pages come in parts: pass next_offset as offset to read on.")]
    public CallToolResult FetchPage(
        [Description("The page: docs/server.md, server.md or server (list_pages lists them); a search hit's citation (docs/server.md#auth) also works.")] string page,
        [Description("Only this section: its heading or its anchor (as in a citation after #).")] string? section = null,
        [Description("Where to start, in characters (default 0).")] int offset = 0,
        [Description("How many characters to return, 1-50000 (default 20000).")] int max_chars = 20_000)
    {
        var name = Arguments.Required(page, "page", "a page path such as docs/server.md; list_pages lists them");
        Arguments.Range(max_chars, "max_chars", 1, MaxChars);
        if (docs.Find(name) is not { } found)
        {
            throw ToolResults.Invalid("page", $"no page '{name}'", $"Use one of {string.Join(", ", docs.Pages.Select(p => p.Page))}.");
        }

        var wanted = Arguments.Optional(section, "section") ?? (name.Contains('#', StringComparison.Ordinal) ? name[(name.IndexOf('#', StringComparison.Ordinal) + 1)..] : null);
        var text = found.Text;
        var citation = found.Page;
        if (wanted is not null)
        {
            var match = found.Sections.FirstOrDefault(s => s.Anchor == DocsLibrary.Anchor(wanted) || string.Equals(s.Heading, wanted, StringComparison.OrdinalIgnoreCase) || s.Anchor == wanted)
                ?? throw ToolResults.Invalid("section", $"{found.Page} has no section '{wanted}'", $"Its sections are: {string.Join("; ", found.Sections.Skip(1).Select(s => s.Heading))}.");
            text = match.Text;
            citation = match.Citation;
            wanted = match.Heading;
        }

        Arguments.Range(offset, "offset", 0, Math.Max(0, text.Length - 1));
        var length = Math.Min(max_chars, text.Length - offset);
        int? next = offset + length < text.Length ? offset + length : null;
        var view = new PageTextView(citation, found.Page, wanted, text.Substring(offset, length), offset, text.Length, next);
        var answer = $"Source: {citation}" + (next is { } n ? $" (characters {offset}-{n} of {text.Length}; call again with offset {n} for more)" : string.Empty) + "\n\n" + view.Text;
        return ToolResults.Of(view, answer);
    }
}
