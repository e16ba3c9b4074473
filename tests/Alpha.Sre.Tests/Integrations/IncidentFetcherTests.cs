using System.Text.Json;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Alpha.Sre.Integrations;
using Alpha.Sre.Integrations.GitHub;
using Alpha.Sre.Integrations.Sentry;
using Alpha.Testing.Loopback;

namespace Alpha.Sre.Tests.Integrations;

public sealed class IncidentFetcherTests : IAsyncLifetime, IDisposable
{
    private const string IssuesPath = "/api/0/projects/acme/checkout/issues/";
    private const string CommitsPath = "/repos/acme/shop/commits";
    private const string Sha1 = "4be81a0c1f0e7a3b9d2c5e6f7a8b9c0d1e2f3a4b";
    private const string Sha2 = "9f3c2d1e0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d";
    private static readonly DateTimeOffset Since = new(2026, 4, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2026, 4, 2, 14, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly FastForwardTimeProvider _time = new(Until);
    private LoopbackVendorServer _sentry = null!;
    private LoopbackVendorServer _gitHub = null!;

    public async Task InitializeAsync()
    {
        _sentry = await LoopbackVendorServer.StartAsync();
        _gitHub = await LoopbackVendorServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _sentry.DisposeAsync();
        await _gitHub.DisposeAsync();
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task FetchAsync_SentryAndGitHub_BuildsAnIncidentThatReadsBackUnchanged()
    {
        ScriptSentry();
        ScriptGitHub();
        var progress = new RecordingProgress();

        var incident = await Fetcher().FetchAsync(Request(sentry: true, gitHub: true), progress);

        // Logs: one summary per issue plus one line per event, oldest first.
        Assert.Equal(5, incident.Logs.Count);
        Assert.Equal(
            new LogEntry(Since, "checkout", "WARNING", "ConnectionResetError: db.pool in acquire (7 events)"),
            incident.Logs[0]);
        Assert.Contains(new LogEntry(Since.AddMinutes(50), "checkout", "ERROR", "TimeoutError: upstream payments timed out: payments.client in charge (42 events)"), incident.Logs);
        Assert.Contains(new LogEntry(Until.AddMinutes(-5), "checkout-api", "ERROR", "TimeoutError: upstream payments timed out: payments.client in charge"), incident.Logs);
        Assert.Equal(incident.Logs.OrderBy(l => l.Timestamp), incident.Logs);

        // Commits: oldest first, with files and patches.
        Assert.Equal([Sha2, Sha1], incident.Commits.Select(c => c.Sha));
        var cache = incident.Commits[1];
        Assert.Equal("lee", cache.Author);
        Assert.Equal(Since.AddMinutes(40), cache.Timestamp);
        var file = Assert.Single(cache.Files);
        Assert.Equal(("cart/SessionCache.java", 61, 4), (file.Path, file.Additions, file.Deletions));
        Assert.Contains("ConcurrentHashMap", file.Patch, StringComparison.Ordinal);

        Assert.Equal("shop@4be81a0", incident.DeploymentId);
        Assert.Equal(Since.AddMinutes(50), incident.DetectedAt);
        Assert.Empty(incident.Warnings);
        Assert.Contains("sentry: 2 issues, 3 events -> 5 log entries", progress.Lines);
        Assert.Contains("github: 2 commits", progress.Lines);

        // The document reads back through the incident reader to the same entries, and re-serialises to the same text.
        var json = incident.ToJson();
        var read = IncidentDocument.Read(json, "fetched.json");
        Assert.Equal(json, JsonSerializer.Serialize(read, AlphaJson.Indented));
        Assert.Equal(incident.Logs, read.Logs);
        Assert.Equal(incident.Commits.Select(c => (c.Sha, c.Author, c.Timestamp, c.Message)), read.Commits.Select(c => (c.Sha, c.Author, c.Timestamp, c.Message)));
        Assert.Equal(incident.Commits.SelectMany(c => c.Files), read.Commits.SelectMany(c => c.Files));
        Assert.Equal(Since.AddMinutes(50), read.DetectedAt);
        Assert.Equal((Since, Until), (read.WindowStart!.Value, read.WindowEnd!.Value));
        Assert.Equal("acme/shop", read.Extensions["sources"].GetProperty("github").GetProperty("repository").GetString());
        Assert.Equal("checkout", read.Extensions["sources"].GetProperty("sentry").GetProperty("project").GetString());
    }

    [Fact]
    public async Task FetchAsync_SentryOnly_DerivesDeploymentIdFromProjectAndWindowEnd()
    {
        _sentry.Enqueue(IssuesPath, LoopbackVendorReply.Json(VendorSamples.Array(
            VendorSamples.SentryIssue("102", "CHECKOUT-2", "ConnectionResetError", "db.pool in acquire", "checkout", 7, Since.AddDays(-1), Since.AddMinutes(10)))));
        _sentry.Enqueue("/api/0/organizations/acme/issues/102/events/", LoopbackVendorReply.Json("[]"));

        var incident = await Fetcher(gitHub: false).FetchAsync(Request(sentry: true, gitHub: false));

        Assert.Equal("checkout@20260402T1400Z", incident.DeploymentId);
        Assert.Null(incident.DetectedAt);
        Assert.Empty(incident.Commits);
        Assert.DoesNotContain("detected_at", incident.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_DeploymentIdGiven_IsUsedAsIs()
    {
        _gitHub.Enqueue(CommitsPath, LoopbackVendorReply.Json("[]"));

        var incident = await Fetcher(sentry: false).FetchAsync(Request(sentry: false, gitHub: true) with { DeploymentId = "checkout-v2.3.1" });

        Assert.Equal("checkout-v2.3.1", incident.DeploymentId);
        Assert.Contains("\"deployment_id\": \"checkout-v2.3.1\"", incident.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_IssueEventsGone_WarnsAndKeepsTheSummaryLine()
    {
        _sentry.Enqueue(IssuesPath, LoopbackVendorReply.Json(VendorSamples.Array(
            VendorSamples.SentryIssue("101", "CHECKOUT-1", "TimeoutError", "payments.client in charge", "checkout", 42, Since.AddMinutes(50), Until.AddMinutes(-5)))));
        _sentry.Enqueue("/api/0/organizations/acme/issues/101/events/", LoopbackVendorReply.Json("""{"detail": "The requested resource does not exist"}""", 404));
        var progress = new RecordingProgress();

        var incident = await Fetcher(gitHub: false).FetchAsync(Request(sentry: true, gitHub: false), progress);

        Assert.Equal("TimeoutError: payments.client in charge (42 events)", Assert.Single(incident.Logs).Message);
        var warning = Assert.Single(incident.Warnings);
        Assert.Contains("CHECKOUT-1", warning, StringComparison.Ordinal);
        Assert.Contains($"warning: {warning}", progress.Lines);
    }

    [Fact]
    public async Task FetchAsync_MoreCommitsThanTheDetailBudget_ReadsOnlyTheNewestInDetailAndWarns()
    {
        _gitHub.Enqueue(CommitsPath, LoopbackVendorReply.Json(VendorSamples.Array(
            VendorSamples.GitHubCommit(Sha1, "Cache session carts in memory", "lee", "Lee Park", Since.AddMinutes(40)),
            VendorSamples.GitHubCommit(Sha2, "Bump payments client", "kim", "Kim Ito", Since.AddMinutes(5)))));
        _gitHub.Enqueue($"{CommitsPath}/{Sha1}", LoopbackVendorReply.Json(
            VendorSamples.GitHubCommit(Sha1, "Cache session carts in memory", "lee", "Lee Park", Since.AddMinutes(40), VendorSamples.GitHubFile("a.cs", 1, 1, "+a")).ToJsonString()));
        var gitHub = new GitHubClient(_http, new GitHubOptions { BaseUrl = _gitHub.BaseUrl, MaxCommitDetails = 1 }, _time);

        var incident = await new IncidentFetcher(null, gitHub).FetchAsync(Request(sentry: false, gitHub: true));

        Assert.Equal(2, incident.Commits.Count);
        Assert.Single(incident.Commits.Single(c => c.Sha == Sha1).Files);
        Assert.Empty(incident.Commits.Single(c => c.Sha == Sha2).Files);
        Assert.Empty(_gitHub.RequestsTo($"{CommitsPath}/{Sha2}"));
        Assert.Contains("only the newest 1 of 2 commits", Assert.Single(incident.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_NoSource_IsAnArgumentError()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Fetcher().FetchAsync(Request(sentry: false, gitHub: false)));

        Assert.Contains("at least one source", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_sentry.Requests);
    }

    [Fact]
    public async Task FetchAsync_EmptyWindow_IsAnArgumentError()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Fetcher().FetchAsync(Request(sentry: true, gitHub: false) with { Until = Since }));

        Assert.Contains("window is empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_GitHubFails_PropagatesTheVendorError()
    {
        ScriptSentry();
        _gitHub.Enqueue(CommitsPath, LoopbackVendorReply.Json("""{"message": "Bad credentials"}""", 401));

        var ex = await Assert.ThrowsAsync<VendorApiException>(() => Fetcher().FetchAsync(Request(sentry: true, gitHub: true)));

        Assert.Equal(("GitHub", VendorFailure.Unauthorized), (ex.Vendor, ex.Failure));
    }

    private static IncidentFetchRequest Request(bool sentry, bool gitHub) => new()
    {
        Since = Since,
        Until = Until,
        SentryProject = sentry ? "checkout" : null,
        GitHubRepository = gitHub ? "acme/shop" : null,
    };

    private IncidentFetcher Fetcher(bool sentry = true, bool gitHub = true) => new(
        sentry ? new SentryClient(_http, new SentryOptions { BaseUrl = _sentry.BaseUrl, Token = "sntrys_test", Organization = "acme" }, _time) : null,
        gitHub ? new GitHubClient(_http, new GitHubOptions { BaseUrl = _gitHub.BaseUrl, Token = "ghp_test" }, _time) : null);

    private void ScriptSentry()
    {
        _sentry.Enqueue(IssuesPath, LoopbackVendorReply.Json(VendorSamples.Array(
            VendorSamples.SentryIssue("101", "CHECKOUT-1", "TimeoutError: upstream payments timed out", "payments.client in charge", "checkout", 42, Since.AddMinutes(50), Until.AddMinutes(-5)),
            VendorSamples.SentryIssue("102", "CHECKOUT-2", "ConnectionResetError", "db.pool in acquire", "checkout", 7, Since.AddDays(-1), Since.AddMinutes(10), level: "warning"))));
        _sentry.Enqueue("/api/0/organizations/acme/issues/101/events/", LoopbackVendorReply.Json(VendorSamples.Array(
            VendorSamples.SentryEvent("e1", "101", "TimeoutError: upstream payments timed out", Until.AddMinutes(-5), ("level", "error"), ("service", "checkout-api")),
            VendorSamples.SentryEvent("e2", "101", "TimeoutError: upstream payments timed out", Until.AddMinutes(-10)))));
        _sentry.Enqueue("/api/0/organizations/acme/issues/102/events/", LoopbackVendorReply.Json(VendorSamples.Array(
            VendorSamples.SentryEvent("e3", "102", "ConnectionResetError", Since.AddMinutes(10), ("level", "warning")))));
    }

    private void ScriptGitHub()
    {
        _gitHub.Enqueue(CommitsPath, LoopbackVendorReply.Json(VendorSamples.Array(
            VendorSamples.GitHubCommit(Sha1, "Cache session carts in memory", "lee", "Lee Park", Since.AddMinutes(40)),
            VendorSamples.GitHubCommit(Sha2, "Bump payments client to 4.2", "kim", "Kim Ito", Since.AddMinutes(5)))));
        _gitHub.Enqueue($"{CommitsPath}/{Sha1}", LoopbackVendorReply.Json(VendorSamples.GitHubCommit(
            Sha1,
            "Cache session carts in memory",
            "lee",
            "Lee Park",
            Since.AddMinutes(40),
            VendorSamples.GitHubFile("cart/SessionCache.java", 61, 4, "@@ -1,3 +1,60 @@\n+    private static final Map<String, Cart> CACHE = new ConcurrentHashMap<>();")).ToJsonString()));
        _gitHub.Enqueue($"{CommitsPath}/{Sha2}", LoopbackVendorReply.Json(VendorSamples.GitHubCommit(
            Sha2,
            "Bump payments client to 4.2",
            "kim",
            "Kim Ito",
            Since.AddMinutes(5),
            VendorSamples.GitHubFile("checkout/requirements.txt", 1, 1, "-payments-client==4.1\n+payments-client==4.2"),
            VendorSamples.GitHubFile("checkout/config/timeouts.yaml", 1, 1, "-  payments_timeout_ms: 2000\n+  payments_timeout_ms: 200")).ToJsonString()));
    }
}
