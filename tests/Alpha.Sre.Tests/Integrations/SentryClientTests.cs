using System.Globalization;
using Alpha.Sre.Integrations;
using Alpha.Sre.Integrations.Sentry;
using Alpha.Testing.Loopback;

namespace Alpha.Sre.Tests.Integrations;

public sealed class SentryClientTests : IAsyncLifetime, IDisposable
{
    private const string IssuesPath = "/api/0/projects/acme/checkout/issues/";
    private static readonly DateTimeOffset Start = new(2026, 4, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2026, 4, 2, 14, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly FastForwardTimeProvider _time = new(End);
    private LoopbackVendorServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackVendorServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task ListIssues_TwoPagesViaLinkCursor_ReadsBothPagesWithTokenAndUserAgent()
    {
        _server.Enqueue(
            IssuesPath,
            LoopbackVendorReply.Page(
                VendorSamples.Array(
                    VendorSamples.SentryIssue("101", "CHECKOUT-1", "TimeoutError: upstream payments timed out", "payments.client in charge", "checkout", 42, Start.AddMinutes(30), End.AddMinutes(-5)),
                    VendorSamples.SentryIssue("102", "CHECKOUT-2", "KeyError: 'currency'", "checkout.views in confirm", "checkout", 3, Start.AddMinutes(40), Start.AddMinutes(50))),
                VendorSamples.SentryLink(_server.Url(IssuesPath), "1743595200000:100:0", more: true)),
            LoopbackVendorReply.Page(
                VendorSamples.Array(VendorSamples.SentryIssue("103", "CHECKOUT-3", "ConnectionResetError", "db.pool in acquire", "checkout", 7, Start.AddHours(-30), Start.AddMinutes(10))),
                VendorSamples.SentryLink(_server.Url(IssuesPath), "1743595200000:200:0", more: false)));

        var issues = await Client().ListIssuesAsync("checkout", Start, End);

        Assert.False(issues.MorePages);
        Assert.Equal(["101", "102", "103"], issues.Items.Select(i => i.Id));
        var first = issues.Items[0];
        Assert.Equal("CHECKOUT-1", first.ShortId);
        Assert.Equal("payments.client in charge", first.Culprit);
        Assert.Equal(42, first.Count);
        Assert.Equal("error", first.Level);
        Assert.Equal("checkout", first.Project);
        Assert.Equal(Start.AddMinutes(30), first.FirstSeen);

        var requests = _server.RequestsTo(IssuesPath);
        Assert.Equal(2, requests.Count);
        Assert.Equal("2026-04-02T12:00:00Z", requests[0].QueryValue("start"));
        Assert.Equal("2026-04-02T14:00:00Z", requests[0].QueryValue("end"));
        Assert.Equal(string.Empty, requests[0].QueryValue("query"));
        Assert.Null(requests[0].QueryValue("cursor"));
        Assert.Equal("1743595200000:100:0", requests[1].QueryValue("cursor"));
        Assert.Equal("2026-04-02T12:00:00Z", requests[1].QueryValue("start"));
        Assert.All(requests, r => Assert.Equal("Bearer sntrys_test", r.Header("Authorization")));
        Assert.All(requests, r => Assert.StartsWith("Alpha/", r.Header("User-Agent"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListIssues_IssueSeenOnlyBeforeWindow_IsLeftOut()
    {
        _server.Enqueue(IssuesPath, LoopbackVendorReply.Json(VendorSamples.Array(
            VendorSamples.SentryIssue("1", "CHECKOUT-1", "old", "a", "checkout", 5, Start.AddDays(-3), Start.AddHours(-1)),
            VendorSamples.SentryIssue("2", "CHECKOUT-2", "current", "b", "checkout", 5, Start.AddDays(-3), Start.AddMinutes(1)))));

        var issues = await Client().ListIssuesAsync("checkout", Start, End);

        Assert.Equal(["2"], issues.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task ListIssues_PageCapReached_ReportsMorePages()
    {
        _server.Enqueue(IssuesPath, LoopbackVendorReply.Page(
            VendorSamples.Array(VendorSamples.SentryIssue("1", "CHECKOUT-1", "t", "c", "checkout", 1, Start, End)),
            VendorSamples.SentryLink(_server.Url(IssuesPath), "0:100:0", more: true)));

        var issues = await Client(maxPages: 1).ListIssuesAsync("checkout", Start, End);

        Assert.True(issues.MorePages);
        Assert.Single(issues.Items);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ListIssueEvents_LimitSpansTwoPages_StopsAtTheLimit()
    {
        const string path = "/api/0/organizations/acme/issues/101/events/";
        _server.Enqueue(
            path,
            LoopbackVendorReply.Page(
                VendorSamples.Array(
                    VendorSamples.SentryEvent("e1", "101", "TimeoutError: upstream payments timed out", End.AddMinutes(-5), ("level", "error"), ("service", "checkout-api")),
                    VendorSamples.SentryEvent("e2", "101", "TimeoutError: upstream payments timed out", End.AddMinutes(-6), ("environment", "production"))),
                VendorSamples.SentryLink(_server.Url(path), "0:2:0", more: true)),
            LoopbackVendorReply.Page(
                VendorSamples.Array(
                    VendorSamples.SentryEvent("e3", "101", "TimeoutError: upstream payments timed out", End.AddMinutes(-7)),
                    VendorSamples.SentryEvent("e4", "101", "TimeoutError: upstream payments timed out", End.AddMinutes(-8))),
                VendorSamples.SentryLink(_server.Url(path), "0:4:0", more: true)));

        var events = await Client().ListIssueEventsAsync("101", Start, End, limit: 3);

        Assert.Equal(["e1", "e2", "e3"], events.Items.Select(e => e.Id));
        Assert.Equal("checkout-api", events.Items[0].Tag("service"));
        Assert.Equal(End.AddMinutes(-5), events.Items[0].Timestamp);
        Assert.Equal(2, _server.RequestsTo(path).Count);
        Assert.Equal("0:2:0", _server.RequestsTo(path)[1].QueryValue("cursor"));
    }

    [Fact]
    public async Task ListIssues_Unauthorized_ThrowsNamingTheTokenVariable()
    {
        _server.Enqueue(IssuesPath, LoopbackVendorReply.Json("""{"detail": "Invalid token"}""", 401));

        var ex = await Assert.ThrowsAsync<VendorApiException>(() => Client().ListIssuesAsync("checkout", Start, End));

        Assert.Equal(VendorFailure.Unauthorized, ex.Failure);
        Assert.Equal(401, ex.StatusCode);
        Assert.Equal("Sentry", ex.Vendor);
        Assert.Contains("SENTRY_AUTH_TOKEN", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid token", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sntrys_test", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListIssues_ProjectNotFound_ThrowsNamingProjectAndOptions()
    {
        _server.Enqueue("/api/0/projects/acme/nope/issues/", LoopbackVendorReply.Json("""{"detail": "The requested resource does not exist"}""", 404));

        var ex = await Assert.ThrowsAsync<VendorApiException>(() => Client().ListIssuesAsync("nope", Start, End));

        Assert.Equal(VendorFailure.NotFound, ex.Failure);
        Assert.Contains("acme/nope", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--sentry-org", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--sentry-project", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListIssues_RateLimitedThenOk_WaitsAsToldAndSucceeds()
    {
        _server.Enqueue(
            IssuesPath,
            LoopbackVendorReply.Json("""{"detail": "You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds"}""", 429, new Dictionary<string, string> { ["Retry-After"] = "3" }),
            LoopbackVendorReply.Json(VendorSamples.Array(VendorSamples.SentryIssue("1", "CHECKOUT-1", "t", "c", "checkout", 1, Start, End))));

        var issues = await Client().ListIssuesAsync("checkout", Start, End);

        Assert.Single(issues.Items);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(3)], _time.Waits);
    }

    [Fact]
    public async Task ListIssues_RateLimitResetsInAnHour_FailsAtOnceStatingTheReset()
    {
        var reset = End.AddHours(1);
        _server.Enqueue(IssuesPath, LoopbackVendorReply.Json("""{"detail": "rate limited"}""", 429, new Dictionary<string, string>
        {
            ["X-Sentry-Rate-Limit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["X-Sentry-Rate-Limit-Limit"] = "40",
        }));

        var ex = await Assert.ThrowsAsync<VendorApiException>(() => Client().ListIssuesAsync("checkout", Start, End));

        Assert.Equal(VendorFailure.RateLimited, ex.Failure);
        Assert.Equal(reset, ex.ResetsAt);
        Assert.Contains("resets at 2026-04-02 15:00:00 UTC", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
        Assert.Empty(_time.Waits);
    }

    [Fact]
    public async Task ListIssues_RateLimitedEveryTime_GivesUpAfterTheRetryBudget()
    {
        var limited = LoopbackVendorReply.Json("""{"detail": "slow down"}""", 429, new Dictionary<string, string> { ["Retry-After"] = "1" });
        _server.Enqueue(IssuesPath, limited, limited, limited, limited);

        var ex = await Assert.ThrowsAsync<VendorApiException>(() => Client(maxRateLimitRetries: 2).ListIssuesAsync("checkout", Start, End));

        Assert.Equal(VendorFailure.RateLimited, ex.Failure);
        Assert.Contains("after 2 retries", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(2, _time.Waits.Count);
    }

    [Fact]
    public async Task ListIssues_BodyIsNotJson_ThrowsInvalidResponse()
    {
        _server.Enqueue(IssuesPath, LoopbackVendorReply.Raw(200, "<html>login</html>"));

        var ex = await Assert.ThrowsAsync<VendorApiException>(() => Client().ListIssuesAsync("checkout", Start, End));

        Assert.Equal(VendorFailure.InvalidResponse, ex.Failure);
        Assert.Contains("not JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListIssues_CallerCancels_ThrowsOperationCanceled()
    {
        _server.Enqueue(IssuesPath, LoopbackVendorReply.Hang());
        using var cts = new CancellationTokenSource();

        var call = Client().ListIssuesAsync("checkout", Start, End, cts.Token);
        await _server.WaitForRequestAsync(1);
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task ListIssues_BaseUrlAlreadyEndsInApi0_IsNotDoubled()
    {
        _server.Enqueue(IssuesPath, LoopbackVendorReply.Json("[]"));
        var client = new SentryClient(_http, new SentryOptions { BaseUrl = _server.Url("/api/0/"), Token = "sntrys_test", Organization = "acme" }, _time);

        var issues = await client.ListIssuesAsync("checkout", Start, End);

        Assert.Empty(issues.Items);
        Assert.Equal(IssuesPath, Assert.Single(_server.Requests).Path);
    }

    [Fact]
    public void Create_WithoutToken_IsNotConfiguredAndNamesTheVariable()
    {
        var options = SentryOptions.FromEnvironment(name => name == "SENTRY_ORG" ? "acme" : null);

        var ex = Assert.Throws<VendorApiException>(() => new SentryClient(_http, options));

        Assert.Equal(VendorFailure.NotConfigured, ex.Failure);
        Assert.Contains("SENTRY_AUTH_TOKEN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithoutOrganization_IsNotConfiguredAndNamesTheOption()
    {
        var options = SentryOptions.FromEnvironment(name => name == "SENTRY_AUTH_TOKEN" ? "t" : null);

        var ex = Assert.Throws<VendorApiException>(() => new SentryClient(_http, options));

        Assert.Contains("--sentry-org", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SENTRY_ORG", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_ReadsVariables_OptionsWin()
    {
        var env = new Dictionary<string, string> { ["SENTRY_AUTH_TOKEN"] = " tok ", ["SENTRY_ORG"] = "env-org", ["SENTRY_URL"] = "https://sentry.example.com" };

        var fromEnv = SentryOptions.FromEnvironment(n => env.GetValueOrDefault(n));
        var overridden = SentryOptions.FromEnvironment(n => env.GetValueOrDefault(n), "cli-org", new Uri("https://other.example.com/"));

        Assert.Equal("tok", fromEnv.Token);
        Assert.Equal("env-org", fromEnv.Organization);
        Assert.Equal(new Uri("https://sentry.example.com"), fromEnv.BaseUrl);
        Assert.Equal("cli-org", overridden.Organization);
        Assert.Equal(new Uri("https://other.example.com/"), overridden.BaseUrl);
        Assert.Equal(SentryOptions.DefaultBaseUrl, SentryOptions.FromEnvironment(_ => null).BaseUrl);
    }

    [Fact]
    public void FromEnvironment_BadUrl_IsNotConfigured()
    {
        var ex = Assert.Throws<VendorApiException>(() => SentryOptions.FromEnvironment(n => n == "SENTRY_URL" ? "sentry.example.com" : null));

        Assert.Equal(VendorFailure.NotConfigured, ex.Failure);
        Assert.Contains("SENTRY_URL", ex.Message, StringComparison.Ordinal);
    }

    private SentryClient Client(int maxPages = 10, int maxRateLimitRetries = 3) => new(
        _http,
        new SentryOptions
        {
            BaseUrl = _server.BaseUrl,
            Token = "sntrys_test",
            Organization = "acme",
            MaxPages = maxPages,
            MaxRateLimitRetries = maxRateLimitRetries,
        },
        _time);
}
