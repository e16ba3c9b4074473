using System.Globalization;
using System.Text.Json;
using Alpha.Sre.Incidents;
using Alpha.Testing.Loopback;

namespace Alpha.Cli.Tests;

public sealed class FetchIncidentCommandTests : IAsyncLifetime, IDisposable
{
    private const string IssuesPath = "/api/0/projects/acme/checkout/issues/";
    private const string CommitsPath = "/repos/acme/shop/commits";
    private const string Sha = "4be81a0c1f0e7a3b9d2c5e6f7a8b9c0d1e2f3a4b";
    private static readonly DateTimeOffset Since = new(2026, 4, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2026, 4, 2, 14, 0, 0, TimeSpan.Zero);

    private readonly TempFiles _files = new();
    private readonly Dictionary<string, string> _env = new()
    {
        ["SENTRY_AUTH_TOKEN"] = "sntrys_cli",
        ["SENTRY_ORG"] = "acme",
        ["GITHUB_TOKEN"] = "ghp_cli",
    };

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

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task FetchIncident_FromLoopbackVendors_WritesAnIncidentThatParses()
    {
        ScriptVendors();
        var path = Path.Combine(_files.Root, "incident.json");

        var run = await CliRunner.RunAsync([.. BothSources(), "--out", path, "--json"], env: _env);

        Assert.True(run.ExitCode == 0, run.Error);
        using var summary = JsonDocument.Parse(run.Out);
        Assert.Equal(path, summary.RootElement.GetProperty("out").GetString());
        Assert.Equal(3, summary.RootElement.GetProperty("logs").GetInt32());
        Assert.Equal(1, summary.RootElement.GetProperty("commits").GetInt32());
        Assert.Equal(0, summary.RootElement.GetProperty("warnings").GetArrayLength());
        Assert.Contains("sentry: listing the issues of acme/checkout", run.Error, StringComparison.Ordinal);
        Assert.Contains("github: reading commit 4be81a0 (1/1)", run.Error, StringComparison.Ordinal);
        Assert.Contains($"wrote {path}", run.Error, StringComparison.Ordinal);

        var text = await File.ReadAllTextAsync(path);
        var input = IncidentDocument.Read(text, path);
        Assert.Equal("shop@4be81a0", input.DeploymentId);
        Assert.Equal(3, input.Logs.Count);
        Assert.Equal("TimeoutError: upstream payments timed out: payments.client in charge (42 events)", input.Logs[0].Message);
        var commit = Assert.Single(input.Commits);
        Assert.Equal("config/payments.yaml", commit.Files[0].Path);
        using var document = System.Text.Json.JsonDocument.Parse(text);
        Assert.Equal("2026-04-02T12:50:00Z", document.RootElement.GetProperty("detected_at").GetString());
        Assert.All(_sentry.Requests, r => Assert.Equal("Bearer sntrys_cli", r.Header("Authorization")));
        Assert.All(_gitHub.Requests, r => Assert.Equal("Bearer ghp_cli", r.Header("Authorization")));
    }

    [Fact]
    public async Task FetchIncident_ThenAnalyze_RanksHypothesesFromTheFetchedFile()
    {
        ScriptVendors();
        var path = Path.Combine(_files.Root, "incident.json");

        var fetch = await CliRunner.RunAsync([.. BothSources(), "--out", path], env: _env);
        var analyze = await CliRunner.RunAsync(["analyze", path, "--json", "--deterministic"]);

        Assert.True(fetch.ExitCode == 0, fetch.Error);
        Assert.True(analyze.ExitCode == 0, analyze.Error);
        using var result = JsonDocument.Parse(analyze.Out);
        Assert.True(result.RootElement.GetProperty("ranked_hypotheses").GetArrayLength() > 0);
        var signals = result.RootElement.GetProperty("signals_used").EnumerateArray().ToList();
        Assert.Contains(signals, s => s.GetProperty("source").GetString() == "logs" && s.GetProperty("service").GetString() == "checkout");
        Assert.Contains(signals, s => s.GetProperty("type").GetString() == "commit" && s.GetProperty("payload").GetProperty("sha").GetString() == Sha);
    }

    [Fact]
    public async Task FetchIncident_OutDash_WritesTheIncidentToStdout()
    {
        ScriptVendors();

        var run = await CliRunner.RunAsync([.. BothSources(), "--out", "-"], env: _env);

        Assert.True(run.ExitCode == 0, run.Error);
        var input = IncidentDocument.Read(run.Out, "stdout");
        Assert.Equal(3, input.Logs.Count);
    }

    [Fact]
    public async Task FetchIncident_RelativeSince_AsksForTheLastTwoHours()
    {
        _gitHub.Enqueue(CommitsPath, LoopbackVendorReply.Json("[]"));

        var run = await CliRunner.RunAsync(
            ["fetch-incident", "--github-repo", "acme/shop", "--github-url", _gitHub.BaseUrl.ToString(), "--since", "2h", "--out", Path.Combine(_files.Root, "i.json")],
            env: _env);

        Assert.True(run.ExitCode == 0, run.Error);
        var request = Assert.Single(_gitHub.Requests);
        var since = DateTimeOffset.Parse(request.QueryValue("since")!, CultureInfo.InvariantCulture);
        var until = DateTimeOffset.Parse(request.QueryValue("until")!, CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(2), until - since);
    }

    [Fact]
    public async Task FetchIncident_VendorRejectsToken_ExitsOneAndWritesNothing()
    {
        _sentry.Enqueue(IssuesPath, LoopbackVendorReply.Json("""{"detail": "Invalid token"}""", 401));
        var path = Path.Combine(_files.Root, "incident.json");

        var run = await CliRunner.RunAsync(
            ["fetch-incident", "--sentry-project", "checkout", "--sentry-url", _sentry.BaseUrl.ToString(), "--since", Iso(Since), "--until", Iso(Until), "--out", path],
            env: _env);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Sentry", run.Error, StringComparison.Ordinal);
        Assert.Contains("HTTP 401", run.Error, StringComparison.Ordinal);
        Assert.Contains("SENTRY_AUTH_TOKEN", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task FetchIncident_NoSentryToken_ExitsTwoNamingTheVariableWithoutCallingSentry()
    {
        var run = await CliRunner.RunAsync(
            ["fetch-incident", "--sentry-project", "checkout", "--sentry-url", _sentry.BaseUrl.ToString(), "--since", "2h", "--out", Path.Combine(_files.Root, "i.json")],
            env: new Dictionary<string, string> { ["SENTRY_ORG"] = "acme" });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("SENTRY_AUTH_TOKEN", run.Error, StringComparison.Ordinal);
        Assert.Empty(_sentry.Requests);
    }

    [Theory]
    [InlineData(new[] { "--since", "2h", "--out", "x.json" }, "at least one source")]
    [InlineData(new[] { "--github-repo", "acme", "--since", "2h", "--out", "x.json" }, "--github-repo 'acme' is not owner/name")]
    [InlineData(new[] { "--github-repo", "acme/shop", "--out", "x.json" }, "--since is required")]
    [InlineData(new[] { "--github-repo", "acme/shop", "--since", "yesterday", "--out", "x.json" }, "--since 'yesterday' is not an ISO-8601 time")]
    [InlineData(new[] { "--github-repo", "acme/shop", "--since", "1h", "--until", "2h", "--out", "x.json" }, "the window is empty")]
    [InlineData(new[] { "--github-repo", "acme/shop", "--since", "2h" }, "--out is required")]
    [InlineData(new[] { "--github-repo", "acme/shop", "--since", "2h", "--out", "-", "--json" }, "--json prints a summary")]
    [InlineData(new[] { "--github-repo", "acme/shop", "--since", "2h", "--out", "x.json", "--github-url", "ftp://x" }, "--github-url 'ftp://x' is not an absolute http(s) URL")]
    [InlineData(new[] { "--github-repo", "acme/shop", "--since", "2h", "--out", "x.json", "--frobnicate" }, "--frobnicate")]
    [InlineData(new[] { "--github-repo", "acme/shop", "--since", "--out", "x.json" }, "--since is required")]
    public async Task FetchIncident_BadArguments_ExitTwoSayingWhatToPass(string[] args, string expected)
    {
        var run = await CliRunner.RunAsync(["fetch-incident", .. args], env: _env);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Empty(_gitHub.Requests);
    }

    [Fact]
    public async Task FetchIncident_Help_ListsTheOptions()
    {
        var run = await CliRunner.RunAsync(["fetch-incident", "--help"]);

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--sentry-project", "--sentry-org", "--github-repo", "--since", "--until", "--deployment-id", "--out", "--json" })
        {
            Assert.Contains(option, run.Out, StringComparison.Ordinal);
        }
    }

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private string[] BothSources() =>
    [
        "fetch-incident",
        "--sentry-project", "checkout",
        "--sentry-url", _sentry.BaseUrl.ToString(),
        "--github-repo", "acme/shop",
        "--github-url", _gitHub.BaseUrl.ToString(),
        "--since", Iso(Since),
        "--until", Iso(Until),
    ];

    private void ScriptVendors()
    {
        _sentry.Enqueue(IssuesPath, LoopbackVendorReply.Json(VendorSamples.Array(
            VendorSamples.SentryIssue("101", "CHECKOUT-1", "TimeoutError: upstream payments timed out", "payments.client in charge", "checkout", 42, Since.AddMinutes(50), Until.AddMinutes(-5)))));
        _sentry.Enqueue("/api/0/organizations/acme/issues/101/events/", LoopbackVendorReply.Json(VendorSamples.Array(
            VendorSamples.SentryEvent("e1", "101", "TimeoutError: upstream payments timed out", Until.AddMinutes(-5), ("level", "error")),
            VendorSamples.SentryEvent("e2", "101", "TimeoutError: upstream payments timed out", Until.AddMinutes(-10), ("level", "error")))));
        _gitHub.Enqueue(CommitsPath, LoopbackVendorReply.Json(VendorSamples.Array(
            VendorSamples.GitHubCommit(Sha, "Lower the payments timeout", "lee", "Lee Park", Since.AddMinutes(40)))));
        _gitHub.Enqueue($"{CommitsPath}/{Sha}", LoopbackVendorReply.Json(VendorSamples.GitHubCommit(
            Sha,
            "Lower the payments timeout",
            "lee",
            "Lee Park",
            Since.AddMinutes(40),
            VendorSamples.GitHubFile("config/payments.yaml", 1, 1, "-  timeout_ms: 2000\n+  timeout_ms: 200")).ToJsonString()));
    }
}
