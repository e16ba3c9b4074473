using System.Net;
using System.Text.Json.Nodes;
using Alpha.Runtime.Security;

namespace Alpha.Server.Tests;

public sealed class SpecRoutesTests
{
    private const string Agent = "kind: agent\nname: echo\nmodel: deterministic\nagent_kind: llm\n";

    [Fact]
    public async Task PostAgentSpec_SameContentTwice_CreatedThenSameVersion()
    {
        await using var fx = await ServerFixture.StartAsync();

        var first = await fx.Client.PostAsync("/agents/specs", ServerFixture.Yaml(Agent));
        var again = await fx.Client.PostAsync("/agents/specs", ServerFixture.Json("{\"kind\": \"agent\", \"name\": \"echo\", \"agent_kind\": \"llm\", \"model\": \"deterministic\"}"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var a = await ServerFixture.ReadAsync(first);
        var b = await ServerFixture.ReadAsync(again);
        Assert.True((bool)a["created"]!);
        Assert.False((bool)b["created"]!);
        foreach (var field in new[] { "spec_id", "version_id", "spec_hash" })
        {
            Assert.Equal((string)a[field]!, (string)b[field]!);
        }

        Assert.Equal(1, (int)a["version"]!);
    }

    [Fact]
    public async Task PostAgentSpec_Invalid_ProblemNamesFieldAndLine()
    {
        await using var fx = await ServerFixture.StartAsync();

        var response = await fx.Client.PostAsync("/agents/specs", ServerFixture.Yaml("kind: agent\nname: x\nmodel: deterministic\nagent_kind: wizard\ntimeout: 3\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ServerFixture.ReadAsync(response))["errors"]!.AsArray().Select(e => e!.AsObject()).ToArray();
        var kind = Assert.Single(errors, e => (string)e["field"]! == "agent_kind");
        Assert.Equal(4, (int)kind["line"]!);
        Assert.Contains(errors, e => (string)e["field"]! == "timeout" && (int)e["line"]! == 5);
    }

    [Fact]
    public async Task PostSpec_WrongKindForRoute_ProblemNamesKindAndItsLine()
    {
        await using var fx = await ServerFixture.StartAsync();

        var response = await fx.Client.PostAsync("/workflows/specs", ServerFixture.Yaml("name: echo\nkind: agent\nmodel: deterministic\nagent_kind: llm\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await ServerFixture.ReadAsync(response))["errors"]![0]!;
        Assert.Equal(("kind", 2), ((string)error["field"]!, (int)error["line"]!));
    }

    [Fact]
    public async Task PostSpec_BodyOverLimit_PayloadTooLarge()
    {
        await using var fx = await ServerFixture.StartAsync(adjust: o => new ServerOptions { Ledger = o.Ledger, Urls = o.Urls, Environment = o.Environment, Limits = new InputLimits { MaxBytes = 40 } });

        var response = await fx.Client.PostAsync("/agents/specs", ServerFixture.Yaml(Agent));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(InputLimits.MaxBytesVariable, (string)(await ServerFixture.ReadAsync(response))["variable"]!);
    }

    [Fact]
    public async Task GetSpecs_AfterSnapshots_ListsVersionsAndContent()
    {
        await using var fx = await ServerFixture.StartAsync();
        await fx.Client.PostAsync("/agents/specs", ServerFixture.Yaml(Agent));
        await fx.Client.PostAsync("/agents/specs", ServerFixture.Yaml(Agent + "description: second\n"));

        var list = await ServerFixture.ReadAsync(await fx.Client.GetAsync("/agents/specs"));
        var versions = await ServerFixture.ReadAsync(await fx.Client.GetAsync("/agents/specs/echo"));
        var second = await ServerFixture.ReadAsync(await fx.Client.GetAsync("/agents/specs/echo/versions/2"));
        var workflows = await ServerFixture.ReadAsync(await fx.Client.GetAsync("/workflows/specs"));

        Assert.Equal(2, (int)list["specs"]![0]!["latest_version"]!);
        Assert.Equal(2, versions["versions"]!.AsArray().Count);
        Assert.Equal("second", (string)second["content"]!["description"]!);
        Assert.Empty(workflows["specs"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Client.GetAsync("/agents/specs/nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Client.GetAsync("/agents/specs/echo/versions/9")).StatusCode);
    }

    [Fact]
    public async Task PostAnalysisSpec_Shipped_Locks()
    {
        await using var fx = await ServerFixture.StartAsync();
        var text = await File.ReadAllTextAsync(Testing.SpecExamples.Path("incident_analysis.yaml"));

        var response = await fx.Client.PostAsync("/analysis/specs", ServerFixture.Yaml(text));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("analysis", (string)(await ServerFixture.ReadAsync(response))["kind"]!);
    }

    [Fact]
    public async Task OpenApi_Anonymous_DescribesTheRoutes()
    {
        await using var fx = await ServerFixture.StartAsync();
        using var anonymous = fx.NewClient(null);

        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var page = await anonymous.GetAsync("/scalar/v1");

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToArray();
        Assert.Contains("/workflows/{name}/run", paths);
        Assert.Contains("/chat/stream/{taskId}", paths);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }
}
