using Alpha.Mcp.Docs;

namespace Alpha.Mcp.Tests;

public sealed class DocsLibraryTests
{
    private static readonly DocsLibrary Library = new(
    [
        ("docs/a.md", "# Page A\n\nIntro about nothing.\n\n## Kill a run\n\nPOST the kill route to stop a run.\n\n```bash\n# not a heading\ncurl -X POST /kill\n```\n\n## Tokens\n\nBearer tokens, revoked at once.\n"),
        ("docs/b.md", "# Page B\n\n## Limits\n\nA run may be killed by a cap; tokens are counted.\n"),
        ("README.md", "# Alpha\n\nThe pitch.\n"),
    ]);

    [Theory]
    [InlineData("Kill and shutdown", "kill-and-shutdown")]
    [InlineData("`alpha serve`: the REST and streaming surface", "alpha-serve-the-rest-and-streaming-surface")]
    [InlineData("Data tools (`/mcp/data/tools/{tool}/invoke`)", "data-tools-mcpdatatoolstoolinvoke")]
    public void Anchor_Heading_AsGitHubWritesIt(string heading, string anchor) =>
        Assert.Equal(anchor, DocsLibrary.Anchor(heading.Replace("`", string.Empty, StringComparison.Ordinal)));

    [Fact]
    public void Pages_SplitAtHeadingsOutsideCodeFences_ReadmeFirst()
    {
        Assert.Equal(["README.md", "docs/a.md", "docs/b.md"], Library.Pages.Select(p => p.Page));
        var a = Library.Find("a")!;
        Assert.Equal("Page A", a.Title);
        Assert.Equal(["Page A", "Kill a run", "Tokens"], a.Sections.Select(s => s.Heading));
        Assert.Contains("# not a heading", a.Sections[1].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("docs/a.md")]
    [InlineData("a.md")]
    [InlineData("a")]
    [InlineData("docs/a.md#tokens")]
    public void Find_PathNameOrCitation_SamePage(string page) => Assert.Equal("docs/a.md", Library.Find(page)?.Page);

    [Fact]
    public void Search_SectionNamedAfterTheQuery_RanksFirstAndCitesItsAnchor()
    {
        var hits = Library.Search("kill run", 5);

        Assert.Equal("docs/a.md#kill-a-run", hits[0].Section.Citation);
        Assert.Contains("kill", hits[0].Snippet, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(hits, h => h.Section.Citation == "docs/b.md#limits");
        Assert.True(hits[0].Score > hits[^1].Score);
        Assert.Empty(Library.Search("zebra", 5));
        Assert.Empty(Library.Search("!", 5));
    }

    [Fact]
    public void Embedded_ThisBuild_HoldsReadmeAndEveryDocsPage()
    {
        var expected = Directory.GetFiles(Path.Combine(Directory.GetParent(Alpha.Testing.SpecExamples.Root)!.Parent!.FullName, "docs"), "*.md")
            .Select(f => "docs/" + Path.GetFileName(f))
            .Append("README.md")
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, DocsLibrary.Embedded.Pages.Select(p => p.Page).Order(StringComparer.Ordinal));
    }
}
