using Alpha.Sre.Integrations.Http;

namespace Alpha.Sre.Tests.Integrations;

public sealed class LinkHeaderTests
{
    [Fact]
    public void Parse_SentryHeader_ReadsRelResultsAndCursor()
    {
        const string header = "<https://sentry.io/api/0/organizations/acme/issues/123456/events/?&cursor=0:0:1>; rel=\"previous\"; results=\"false\"; cursor=\"0:0:1\", "
            + "<https://sentry.io/api/0/organizations/acme/issues/123456/events/?&cursor=0:100:0>; rel=\"next\"; results=\"true\"; cursor=\"0:100:0\"";

        var links = LinkHeader.Parse([header]);

        Assert.Equal(2, links.Count);
        Assert.True(links[0].Is("previous"));
        Assert.Equal("false", links[0]["results"]);
        var next = Assert.Single(links, l => l.Is("next"));
        Assert.Equal("true", next["results"]);
        Assert.Equal("0:100:0", next["cursor"]);
        Assert.Equal("https://sentry.io/api/0/organizations/acme/issues/123456/events/?&cursor=0:100:0", next.Target);
    }

    [Fact]
    public void Parse_GitHubHeaderWithCommaInsideUrl_KeepsTheUrlWhole()
    {
        const string header = "<https://api.github.com/repositories/1/commits?page=2&path=a,b>; rel=\"next\", <https://api.github.com/repositories/1/commits?page=5>; rel=\"last\"";

        var links = LinkHeader.Parse([header]);

        Assert.Equal(["https://api.github.com/repositories/1/commits?page=2&path=a,b", "https://api.github.com/repositories/1/commits?page=5"], links.Select(l => l.Target));
        Assert.True(links[0].Is("next"));
        Assert.True(links[1].Is("last"));
    }

    [Fact]
    public void Parse_Garbage_ReturnsNoLinksInsteadOfThrowing()
    {
        var links = LinkHeader.Parse(["rel=next; nonsense", string.Empty, "<unterminated"]);

        Assert.Empty(links);
    }
}
