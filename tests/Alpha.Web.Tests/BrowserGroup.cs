namespace Alpha.Web.Tests;

/// <summary>Every browser test shares one Chromium (starting one costs about a second) and runs one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
