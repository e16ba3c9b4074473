using System.Net;
using Alpha.Testing.Loopback;

namespace Alpha.Server.Tests;

public sealed class SourceRoutesTests
{
    private const string SentryToken = "sntrys_eyJpYXQiOjE3MzAwMDAwMDAuMCwidXJsIjoiaHR0cHM6Ly9zZW50cnkuaW8ifQ_abcdefghijklmnopqrstuvwxyz012345";
    private const string GitHubToken = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";
    private const string Incident = "{\"deployment_id\": \"deploy-7\", \"logs\": [\"ERROR: disk full on db-1\"]}";

    [Fact]
    public async Task Entries_VendorsAndFiles_WithStatusAndNoToken()
    {
        using var imports = new ProfileFolder();
        imports.Write("a.json", Incident);
        Directory.CreateDirectory(Path.Combine(imports.Path, "nested"));
        imports.Write("nested/b.yaml", "deployment_id: deploy-8\nlogs:\n  - 'ERROR: oom'\n");
        imports.Write("notes.txt", "not an incident file");
        await using var fx = await StartAsync(new() { ["SENTRY_AUTH_TOKEN"] = SentryToken, ["ALPHA_IMPORTS_DIR"] = imports.Path });

        var response = await fx.Client.GetAsync("/discovery/entries");
        var text = await response.Content.ReadAsStringAsync();
        var entries = (await ServerFixture.ReadAsync(response))["entries"]!.AsArray().Select(e => e!.AsObject()).ToArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(SentryToken, text, StringComparison.Ordinal);
        Assert.Equal(["sentry", "github", "file", "file"], entries.Select(e => (string)e["kind"]!));
        Assert.Equal("not_configured", (string)entries[0]["status"]!);
        Assert.Contains("SENTRY_ORG", (string)entries[0]["detail"]!, StringComparison.Ordinal);
        Assert.Equal("anonymous", (string)entries[1]["status"]!);
        Assert.Equal(["a.json", "nested/b.yaml"], entries[2..].Select(e => (string)e["name"]!));
        Assert.All(entries[2..], e => Assert.Matches("^file-[0-9a-f]{12}$", (string)e["id"]!));
        Assert.All(entries[2..], e => Assert.Equal("discovered", (string)e["status"]!));
    }

    [Fact]
    public async Task ProbeSentry_LoopbackOrganisation_OkAndTokenSentOnlyToSentry()
    {
        await using var sentry = await LoopbackVendorServer.StartAsync();
        sentry.Enqueue("/api/0/organizations/acme/", LoopbackVendorReply.Json("{\"slug\": \"acme\"}"));
        await using var fx = await StartAsync(new() { ["SENTRY_AUTH_TOKEN"] = SentryToken, ["SENTRY_ORG"] = "acme", ["SENTRY_URL"] = sentry.BaseUrl.ToString() });

        var response = await fx.Client.PostAsync("/sources/sentry/probe", null);
        var text = await response.Content.ReadAsStringAsync();
        var probe = await ServerFixture.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((bool)probe["ok"]!);
        Assert.Equal("ok", (string)probe["status"]!);
        Assert.Equal($"Bearer {SentryToken}", Assert.Single(sentry.Requests).Header("Authorization"));
        Assert.DoesNotContain(SentryToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SentryToken, string.Join("\n", fx.Logs), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, "unauthorized")]
    [InlineData(403, "forbidden")]
    [InlineData(404, "not_found")]
    [InlineData(500, "error")]
    public async Task ProbeGitHub_VendorRefuses_StatusAndHint(int status, string expected)
    {
        await using var github = await LoopbackVendorServer.StartAsync();
        github.Enqueue("/rate_limit", LoopbackVendorReply.Json("{\"message\": \"no\"}", status));
        await using var fx = await StartAsync(new() { ["GITHUB_TOKEN"] = GitHubToken, ["GITHUB_API_URL"] = github.BaseUrl.ToString() });

        var probe = await ServerFixture.ReadAsync(await fx.Client.PostAsync("/sources/github/probe", null));

        Assert.False((bool)probe["ok"]!);
        Assert.Equal(expected, (string)probe["status"]!);
        Assert.NotEmpty((string)probe["hint"]!);
    }

    [Fact]
    public async Task ProbeGitHub_RateLimit_OkWithRemainingRequests()
    {
        await using var github = await LoopbackVendorServer.StartAsync();
        github.Enqueue("/rate_limit", LoopbackVendorReply.Json("{\"resources\": {\"core\": {\"limit\": 5000, \"remaining\": 4990}}}"));
        await using var fx = await StartAsync(new() { ["GITHUB_TOKEN"] = GitHubToken, ["GITHUB_API_URL"] = github.BaseUrl.ToString() });

        var probe = await ServerFixture.ReadAsync(await fx.Client.PostAsync("/sources/github/probe", null));

        Assert.Equal("ok", (string)probe["status"]!);
        Assert.Equal("4990 of 5000 requests left this hour", (string)probe["detail"]!);
        Assert.NotNull(Assert.Single(github.Requests).Header("User-Agent"));
    }

    [Fact]
    public async Task ProbeSentry_NotConfigured_SaysWhatToSet()
    {
        await using var fx = await StartAsync([]);

        var probe = await ServerFixture.ReadAsync(await fx.Client.PostAsync("/sources/sentry/probe", null));

        Assert.Equal("not_configured", (string)probe["status"]!);
        Assert.Contains("SENTRY_AUTH_TOKEN", (string)probe["hint"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeFile_InvalidIncident_InvalidNamingTheProblem()
    {
        using var imports = new ProfileFolder();
        imports.Write("broken.json", "{\"logs\": 3}");
        await using var fx = await StartAsync(new() { ["ALPHA_IMPORTS_DIR"] = imports.Path });
        var id = await FileIdAsync(fx, "broken.json");

        var probe = await ServerFixture.ReadAsync(await fx.Client.PostAsync($"/sources/{id}/probe", null));

        Assert.Equal("invalid", (string)probe["status"]!);
        Assert.False((bool)probe["ok"]!);
    }

    [Fact]
    public async Task Promote_ValidFile_RecordedInTheLedgerOnceAndListedPromoted()
    {
        using var imports = new ProfileFolder();
        imports.Write("a.json", Incident);
        await using var fx = await StartAsync(new() { ["ALPHA_IMPORTS_DIR"] = imports.Path });
        var id = await FileIdAsync(fx, "a.json");

        var first = await ServerFixture.ReadAsync(await fx.Client.PostAsync($"/discovery/entries/{id}/promote", null));
        var second = await ServerFixture.ReadAsync(await fx.Client.PostAsync($"/discovery/entries/{id}/promote", null));
        var listed = (await ServerFixture.ReadAsync(await fx.Client.GetAsync("/discovery/entries")))["entries"]!.AsArray().Single(e => (string)e!["id"]! == id)!;

        Assert.True((bool)first["created"]!);
        Assert.False((bool)second["created"]!);
        Assert.Equal("promoted", (string)first["entry"]!["status"]!);
        Assert.Equal("promoted", (string)listed["status"]!);
        Assert.NotNull(listed["promoted_at"]);
        var row = Assert.Single(await fx.Ledger.ListSourcePromotionsAsync());
        Assert.Equal((id, "token:test"), (row.EntryId, row.PromotedBy));
    }

    [Fact]
    public async Task Promote_ProbeFails_ConflictWithProbeAndNothingRecorded()
    {
        await using var fx = await StartAsync([]);

        var response = await fx.Client.PostAsync("/discovery/entries/sentry/promote", null);
        var problem = await ServerFixture.ReadAsync(response);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("not_configured", (string)problem["probe"]!["status"]!);
        Assert.Empty(await fx.Ledger.ListSourcePromotionsAsync());
    }

    [Fact]
    public async Task ProbeAndPromote_Unknown_NotFound()
    {
        await using var fx = await StartAsync([]);

        Assert.Equal(HttpStatusCode.NotFound, (await fx.Client.PostAsync("/sources/nobody/probe", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Client.PostAsync("/discovery/entries/file-000000000000/promote", null)).StatusCode);
    }

    [Fact]
    public async Task OpenApi_ModelAndSourceRoutes_Described()
    {
        await using var fx = await StartAsync([]);
        using var anonymous = fx.NewClient(null);

        var paths = System.Text.Json.Nodes.JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!["paths"]!.AsObject().Select(p => p.Key).ToArray();

        Assert.Subset(
            paths.ToHashSet(),
            new HashSet<string> { "/agentic/models/running", "/agentic/models/pull", "/agentic/models/{name}", "/agentic/vllm/profiles", "/agentic/vllm/start", "/discovery/entries", "/sources/{name}/probe", "/discovery/entries/{id}/promote" });
    }

    private static async Task<string> FileIdAsync(ServerFixture fx, string name) =>
        (string)(await ServerFixture.ReadAsync(await fx.Client.GetAsync("/discovery/entries")))["entries"]!.AsArray().Single(e => (string)e!["name"]! == name)!["id"]!;

    private static Task<ServerFixture> StartAsync(Dictionary<string, string> environment) =>
        ServerFixture.StartAsync(adjust: o => new ServerOptions { Ledger = o.Ledger, Urls = o.Urls, Limits = o.Limits, Environment = v => environment.GetValueOrDefault(v) });
}
