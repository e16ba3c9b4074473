using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Alpha.Web.Tests;

/// <summary>The page's files over HTTP: served without a token, compressed, cached by ETag, under a same-origin policy.</summary>
public sealed partial class WebRoutesTests
{
    private static readonly string[] Files = ["index.html", "app.js", "app.css", "icon.svg"];

    [Fact]
    public async Task Root_NoToken_PageUnderStrictContentSecurityPolicy()
    {
        await using var server = await WebServer.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = server.BaseAddress };

        var response = await anonymous.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("/web/app.js", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/runs")).StatusCode); // the data still needs the token
    }

    [Fact]
    public async Task Asset_AcceptsGzip_SameBytesCompressed()
    {
        await using var server = await WebServer.StartAsync();
        using var plain = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/web/app.js");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        var identity = await plain.GetByteArrayAsync("/web/app.js");
        var response = await plain.SendAsync(request);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        using var unzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        await unzip.CopyToAsync(copy);

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.True(compressed.Length < identity.Length / 2, $"gzip {compressed.Length} B vs {identity.Length} B");
        Assert.Equal(identity, copy.ToArray());
    }

    [Fact]
    public async Task Asset_KnownETag_NotModified()
    {
        await using var server = await WebServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var first = await client.GetAsync("/web/app.css");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/web/app.css");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var second = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Asset_Unknown_NotFound()
    {
        await using var server = await WebServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/web/nothing.js")).StatusCode);
    }

    [Fact]
    public async Task Assets_EveryUrl_ThisOriginOnly()
    {
        await using var server = await WebServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        foreach (var file in Files)
        {
            var text = await client.GetStringAsync(file == "index.html" ? "/" : $"/web/{file}");
            // The only absolute URL allowed is the SVG namespace name, which is an identifier, never fetched.
            var outside = AbsoluteUrl().Matches(text).Select(m => m.Value).Where(u => u != "http://www.w3.org/2000/svg").ToArray();
            Assert.True(outside.Length == 0, $"{file} refers outside this server: {string.Join(", ", outside)}");
        }
    }

    [GeneratedRegex(@"(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s'""`)]*")]
    private static partial Regex AbsoluteUrl();
}
