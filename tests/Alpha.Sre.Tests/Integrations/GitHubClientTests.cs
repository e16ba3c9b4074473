using System.Globalization;
using Alpha.Sre.Integrations;
using Alpha.Sre.Integrations.GitHub;
using Alpha.Testing.Loopback;

namespace Alpha.Sre.Tests.Integrations;

public sealed class GitHubClientTests : IAsyncLifetime, IDisposable
{
    private const string CommitsPath = "/repos/acme/shop/commits";
    private const string Sha1 = "4be81a0c1f0e7a3b9d2c5e6f7a8b9c0d1e2f3a4b";
    private const string Sha2 = "9f3c2d1e0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d";
    private const string Sha3 = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b";
    private static readonly DateTimeOffset Since = new(2026, 4, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2026, 4, 2, 14, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly FastForwardTimeProvider _time = new(Until);
    private LoopbackVendorServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackVendorServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task ListCommits_TwoPagesViaLinkHeader_ReadsBothWithGitHubHeaders()
    {
        var page2 = _server.Url($"{CommitsPath}?since=2026-04-02T10:00:00Z&until=2026-04-02T14:00:00Z&per_page=100&page=2");
        _server.Enqueue(
            CommitsPath,
            LoopbackVendorReply.Page(
                VendorSamples.Array(
                    VendorSamples.GitHubCommit(Sha1, "Cache session carts in memory", "lee", "Lee Park", Until.AddMinutes(-70)),
                    VendorSamples.GitHubCommit(Sha2, "Bump payments client to 4.2", "kim", "Kim Ito", Until.AddMinutes(-120))),
                VendorSamples.GitHubLink(page2, page2)),
            LoopbackVendorReply.Json(VendorSamples.Array(VendorSamples.GitHubCommit(Sha3, "Fix typo", "lee", "Lee Park", Since.AddMinutes(5)))));

        var commits = await Client(token: "ghp_test").ListCommitsAsync("acme/shop", Since, Until, "main");

        Assert.False(commits.MorePages);
        Assert.Equal([Sha1, Sha2, Sha3], commits.Items.Select(c => c.Sha));
        var first = commits.Items[0];
        Assert.Equal("Cache session carts in memory", first.Message);
        Assert.Equal("lee", first.AuthorLogin);
        Assert.Equal("Lee Park", first.AuthorName);
        Assert.Equal(Until.AddMinutes(-70), first.CommittedAt);
        Assert.Empty(first.Files);

        var requests = _server.RequestsTo(CommitsPath);
        Assert.Equal(2, requests.Count);
        Assert.Equal("2026-04-02T10:00:00Z", requests[0].QueryValue("since"));
        Assert.Equal("2026-04-02T14:00:00Z", requests[0].QueryValue("until"));
        Assert.Equal("100", requests[0].QueryValue("per_page"));
        Assert.Equal("main", requests[0].QueryValue("sha"));
        Assert.Equal("2", requests[1].QueryValue("page"));
        Assert.All(requests, r => Assert.Equal("Bearer ghp_test", r.Header("Authorization")));
        Assert.All(requests, r => Assert.Equal("application/vnd.github+json", r.Header("Accept")));
        Assert.All(requests, r => Assert.Equal("2022-11-28", r.Header("X-GitHub-Api-Version")));
        Assert.All(requests, r => Assert.StartsWith("Alpha/", r.Header("User-Agent"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetCommit_Detail_ReadsFilesAndPatches()
    {
        _server.Enqueue($"{CommitsPath}/{Sha1}", LoopbackVendorReply.Json(VendorSamples.GitHubCommit(
            Sha1,
            "Cache session carts in memory",
            "lee",
            "Lee Park",
            Until.AddMinutes(-70),
            VendorSamples.GitHubFile("cart/SessionCache.java", 61, 4, "@@ -1,3 +1,60 @@\n+    private static final Map<String, Cart> CACHE = new ConcurrentHashMap<>();"),
            VendorSamples.GitHubFile("cart/logo.png", 0, 0, patch: null, status: "added")).ToJsonString()));

        var commit = await Client().GetCommitAsync("acme/shop", Sha1);

        Assert.Equal(Sha1, commit.Sha);
        Assert.False(commit.FilesIncomplete);
        Assert.Equal(2, commit.Files.Count);
        var java = commit.Files[0];
        Assert.Equal(("cart/SessionCache.java", "modified", 61, 4), (java.Filename, java.Status, java.Additions, java.Deletions));
        Assert.Contains("ConcurrentHashMap", java.Patch, StringComparison.Ordinal);
        Assert.Null(commit.Files[1].Patch);
        Assert.Null(Assert.Single(_server.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task GetCommit_FilesOnTwoPages_AreMerged()
    {
        var path = $"{CommitsPath}/{Sha1}";
        _server.Enqueue(
            path,
            LoopbackVendorReply.Page(
                VendorSamples.GitHubCommit(Sha1, "Big refactor", "lee", "Lee Park", Until, VendorSamples.GitHubFile("a.cs", 1, 0, "+a")).ToJsonString(),
                VendorSamples.GitHubLink(_server.Url($"{path}?page=2"), _server.Url($"{path}?page=2"))),
            LoopbackVendorReply.Json(VendorSamples.GitHubCommit(Sha1, "Big refactor", "lee", "Lee Park", Until, VendorSamples.GitHubFile("b.cs", 2, 1, "+b")).ToJsonString()));

        var commit = await Client().GetCommitAsync("acme/shop", Sha1);

        Assert.Equal(["a.cs", "b.cs"], commit.Files.Select(f => f.Filename));
        Assert.Equal("2", _server.RequestsTo(path)[1].QueryValue("page"));
    }

    [Fact]
    public async Task ListCommits_BadCredentials_ThrowsUnauthorizedNamingGitHubToken()
    {
        _server.Enqueue(CommitsPath, LoopbackVendorReply.Json("""{"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"}""", 401));

        var ex = await Assert.ThrowsAsync<VendorApiException>(() => Client(token: "ghp_expired").ListCommitsAsync("acme/shop", Since, Until));

        Assert.Equal(VendorFailure.Unauthorized, ex.Failure);
        Assert.Equal("GitHub", ex.Vendor);
        Assert.Contains("GITHUB_TOKEN", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Bad credentials", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_expired", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListCommits_RepoNotFoundWithoutToken_SuggestsRepoAndToken()
    {
        _server.Enqueue("/repos/acme/secret/commits", LoopbackVendorReply.Json("""{"message": "Not Found", "documentation_url": "https://docs.github.com/rest/commits/commits#list-commits", "status": "404"}""", 404));

        var ex = await Assert.ThrowsAsync<VendorApiException>(() => Client().ListCommitsAsync("acme/secret", Since, Until));

        Assert.Equal(VendorFailure.NotFound, ex.Failure);
        Assert.Contains("acme/secret", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--github-repo", ex.Message, StringComparison.Ordinal);
        Assert.Contains("set GITHUB_TOKEN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListCommits_PrimaryRateLimitResetsSoon_WaitsUntilResetThenSucceeds()
    {
        _server.Enqueue(
            CommitsPath,
            LoopbackVendorReply.Json(
                """{"message": "API rate limit exceeded for user ID 1.", "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}""",
                403,
                RateLimitHeaders(remaining: 0, reset: Until.AddSeconds(20))),
            LoopbackVendorReply.Json(VendorSamples.Array(VendorSamples.GitHubCommit(Sha1, "m", "lee", "Lee", Until))));

        var commits = await Client().ListCommitsAsync("acme/shop", Since, Until);

        Assert.Single(commits.Items);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(20)], _time.Waits);
    }

    [Fact]
    public async Task ListCommits_SecondaryRateLimitWithRetryAfter_WaitsThenSucceeds()
    {
        _server.Enqueue(
            CommitsPath,
            LoopbackVendorReply.Json("""{"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}""", 429, new Dictionary<string, string> { ["retry-after"] = "5" }),
            LoopbackVendorReply.Json("[]"));

        var commits = await Client().ListCommitsAsync("acme/shop", Since, Until);

        Assert.Empty(commits.Items);
        Assert.Equal([TimeSpan.FromSeconds(5)], _time.Waits);
    }

    [Fact]
    public async Task ListCommits_RateLimitResetsInAnHour_FailsAtOnceStatingTheReset()
    {
        var reset = Until.AddHours(1);
        _server.Enqueue(CommitsPath, LoopbackVendorReply.Json("""{"message": "API rate limit exceeded for 127.0.0.1."}""", 403, RateLimitHeaders(remaining: 0, reset: reset)));

        var ex = await Assert.ThrowsAsync<VendorApiException>(() => Client().ListCommitsAsync("acme/shop", Since, Until));

        Assert.Equal(VendorFailure.RateLimited, ex.Failure);
        Assert.Equal(reset, ex.ResetsAt);
        Assert.Contains("resets at 2026-04-02 15:00:00 UTC (in 60 min)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("60 requests", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
        Assert.Empty(_time.Waits);
    }

    [Fact]
    public async Task ListCommits_ForbiddenWithQuotaLeft_IsForbiddenNotRateLimited()
    {
        _server.Enqueue(CommitsPath, LoopbackVendorReply.Json(
            """{"message": "Resource not accessible by personal access token"}""", 403, RateLimitHeaders(remaining: 4999, reset: Until.AddMinutes(30))));

        var ex = await Assert.ThrowsAsync<VendorApiException>(() => Client(token: "ghp_test").ListCommitsAsync("acme/shop", Since, Until));

        Assert.Equal(VendorFailure.Forbidden, ex.Failure);
        Assert.Contains("Contents: read", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ListCommits_NextLinkToAnotherHost_IsRefused()
    {
        _server.Enqueue(CommitsPath, LoopbackVendorReply.Page(
            VendorSamples.Array(VendorSamples.GitHubCommit(Sha1, "m", "lee", "Lee", Until)),
            VendorSamples.GitHubLink(new Uri("https://elsewhere.example/repos/acme/shop/commits?page=2"), new Uri("https://elsewhere.example/repos/acme/shop/commits?page=2"))));

        var ex = await Assert.ThrowsAsync<VendorApiException>(() => Client(token: "ghp_test").ListCommitsAsync("acme/shop", Since, Until));

        Assert.Equal(VendorFailure.InvalidResponse, ex.Failure);
        Assert.Contains("elsewhere.example", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ListCommits_PageCap_StopsAndReportsMorePages()
    {
        var next = _server.Url($"{CommitsPath}?page=2");
        _server.Enqueue(CommitsPath, LoopbackVendorReply.Page(VendorSamples.Array(VendorSamples.GitHubCommit(Sha1, "m", "lee", "Lee", Until)), VendorSamples.GitHubLink(next, next)));

        var commits = await Client(maxPages: 1).ListCommitsAsync("acme/shop", Since, Until);

        Assert.True(commits.MorePages);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ListCommits_EnterpriseApiRoot_KeepsItsPathPrefix()
    {
        _server.Enqueue($"/api/v3{CommitsPath}", LoopbackVendorReply.Json("[]"));
        var client = new GitHubClient(_http, new GitHubOptions { BaseUrl = _server.Url("/api/v3") }, _time);

        await client.ListCommitsAsync("acme/shop", Since, Until);

        Assert.Equal($"/api/v3{CommitsPath}", Assert.Single(_server.Requests).Path);
    }

    [Theory]
    [InlineData("acme/shop", true)]
    [InlineData(" acme/shop ", true)]
    [InlineData("acme", false)]
    [InlineData("acme/shop/extra", false)]
    [InlineData("/shop", false)]
    [InlineData("ac me/shop", false)]
    public void TryParseRepository_Text_AcceptsOnlyOwnerSlashName(string text, bool valid)
    {
        Assert.Equal(valid, GitHubClient.TryParseRepository(text, out var owner, out var name));
        if (valid)
        {
            Assert.Equal(("acme", "shop"), (owner, name));
        }
    }

    [Fact]
    public void FromEnvironment_ReadsTokenAndEnterpriseUrl()
    {
        var env = new Dictionary<string, string> { ["GITHUB_TOKEN"] = "ghp_env", ["GITHUB_API_URL"] = "https://ghe.example.com/api/v3" };

        var options = GitHubOptions.FromEnvironment(n => env.GetValueOrDefault(n));

        Assert.Equal("ghp_env", options.Token);
        Assert.Equal(new Uri("https://ghe.example.com/api/v3"), options.BaseUrl);
        Assert.Null(GitHubOptions.FromEnvironment(_ => null).Token);
        Assert.Equal(GitHubOptions.DefaultBaseUrl, GitHubOptions.FromEnvironment(_ => null).BaseUrl);
    }

    private static Dictionary<string, string> RateLimitHeaders(int remaining, DateTimeOffset reset) => new()
    {
        ["x-ratelimit-limit"] = "60",
        ["x-ratelimit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture),
        ["x-ratelimit-used"] = (60 - Math.Min(remaining, 60)).ToString(CultureInfo.InvariantCulture),
        ["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        ["x-ratelimit-resource"] = "core",
    };

    private GitHubClient Client(string? token = null, int maxPages = 10) =>
        new(_http, new GitHubOptions { BaseUrl = _server.BaseUrl, Token = token, MaxPages = maxPages }, _time);
}
