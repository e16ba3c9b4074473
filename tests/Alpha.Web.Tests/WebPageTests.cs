using System.Text.RegularExpressions;
using Alpha.Testing.Loopback;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Alpha.Web.Tests;

/// <summary>
/// The operator page in a real Chromium against a real server: every assertion compares what the page shows with what
/// the server's API answers for the same run, so nothing here knows an expected hypothesis in advance.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed partial class WebPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Login_WrongThenRightToken_RefusedThenRunsList()
    {
        await using var server = await WebServer.StartAsync();
        var page = await browser.NewPageAsync(server.BaseAddress);

        await page.GotoAsync("/");
        await BrowserFixture.ScreenshotAsync(page, "01-login");
        await page.GetByLabel("API token").FillAsync("alpha_not-a-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("refused");
        await page.GetByLabel("API token").FillAsync(server.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Runs" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
        Assert.Equal(server.Token, await page.EvaluateAsync<string>("() => localStorage.getItem('alpha.token')"));
    }

    [Fact]
    public async Task Analyse_ExampleIncident_PanelsFillAndHypothesisOpensOntoEvidence()
    {
        await using var server = await WebServer.StartAsync();
        var page = await LoggedInAsync(server);

        await page.GetByRole(AriaRole.Link, new() { Name = "Analyse", Exact = true }).ClickAsync();
        await page.GetByLabel("Upload a file").SetInputFilesAsync(Repository.ExampleIncident("deploy-cpu-regression.yaml"));
        await Expect(page.GetByLabel("Incident (JSON or YAML)")).ToHaveValueAsync(new Regex("deployment_id"));
        await BrowserFixture.ScreenshotAsync(page, "02-analyse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Analyse", Exact = true }).ClickAsync();
        await ExpectRunPageAsync(page);
        var runId = RunIdOf(page.Url);
        await Expect(page.Locator("dl.facts .badge").First).ToHaveTextAsync("completed");
        await Expect(page.Locator("#hypotheses details.hyp").First).ToBeVisibleAsync();

        var run = await server.GetAsync($"/runs/{runId}");
        var agents = run["frames"]!.AsArray().Select(f => (string)f!["stage"]!).Select(s => AgentStarted().Match(s)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();
        var panels = page.Locator("#panels section.panel");
        await Expect(panels).ToHaveCountAsync(agents.Count);
        Assert.Equal(agents.Order(), (await panels.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.agent)")).Order());
        Assert.All(await panels.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.status)"), s => Assert.Equal("completed", s));
        Assert.NotNull(await page.Locator("main").GetAttributeAsync("data-first-panel-ms")); // measured from dispatch (docs/benchmarks.md)
        var ranked = run["result"]!["ranked_hypotheses"]!.AsArray();
        await Expect(page.Locator("#hypotheses details.hyp")).ToHaveCountAsync(ranked.Count);
        await Expect(page.Locator("#hypotheses details.hyp .label").First).ToHaveTextAsync((string)ranked[0]!["label"]!);
        await Expect(page.Locator("#synthesis")).ToHaveTextAsync((string)run["result"]!["synthesis"]!["summary"]!);
        await BrowserFixture.ScreenshotAsync(page, "03-run-analysis");
        await Expect(page.Locator("#replay")).ToBeDisabledAsync(); // the server replays workflow runs only, and the page says so
        await Expect(page.Locator("#replay")).ToHaveAttributeAsync("title", new Regex("Only workflow runs replay"));

        var top = page.Locator("#hypotheses details.hyp").First;
        await top.Locator("summary").ClickAsync();
        var supporting = ranked[0]!["supporting_signals"]!.AsArray().Select(s => (string)s!).ToArray();
        var evidence = await server.GetAsync($"/runs/{runId}/evidence");
        var seriesBehind = evidence["signals"]!.AsArray().Count(s => supporting.Contains((string)s!["id"]!) && (string?)s["evidence"]?["kind"] == "series");
        await Expect(top.Locator(".signal")).ToHaveCountAsync(supporting.Length);
        await Expect(top.Locator("figure.chart")).ToHaveCountAsync(seriesBehind);
        Assert.True(seriesBehind > 0, "the example's top hypothesis rests on at least one metric series");
        // A vertical or horizontal SVG line has an empty bounding box, which Playwright calls invisible: count them.
        await Expect(top.Locator("figure.chart svg line.change")).ToHaveCountAsync(seriesBehind);
        await Expect(top.Locator("figure.chart svg line.baseline")).ToHaveCountAsync(seriesBehind);
        await top.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "04-hypothesis-evidence");

        await page.GetByRole(AriaRole.Link, new() { Name = "Charts", Exact = true }).ClickAsync();
        var allSeries = evidence["signals"]!.AsArray().Count(s => (string?)s!["evidence"]?["kind"] == "series");
        await Expect(page.Locator("#charts figure.chart")).ToHaveCountAsync(allSeries);
        await BrowserFixture.ScreenshotAsync(page, "05-charts");
    }

    [Fact]
    public async Task Kill_RunWhoseModelStalls_EndsCancelledAndAbortsTheCall()
    {
        await using var server = await WebServer.StartAsync();
        server.Model.Enqueue(LoopbackReply.Hang());
        await server.OneNodeAsync("slow_flow", "slow_agent", model: "loopback/test-model");
        var runId = await server.DispatchAsync("slow_flow");
        var page = await LoggedInAsync(server);

        await page.GotoAsync($"/#/runs/{runId}");
        await Expect(page.Locator("#panels section.panel[data-agent='answer']")).ToHaveAttributeAsync("data-status", "started");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kill" }).ClickAsync();

        await Expect(page.Locator("dl.facts .badge").First).ToHaveTextAsync("cancelled");
        await Expect(page.Locator("#panels section.panel[data-agent='answer']")).ToHaveAttributeAsync("data-status", "cancelled");
        await server.Model.HungRequestAborted.WaitAsync(TimeSpan.FromSeconds(30));
        var run = (await server.GetAsync($"/runs/{runId}"))["run"]!;
        Assert.Equal("cancelled", (string)run["status"]!);
        Assert.Contains("token:browser", (string)run["error"]!, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "07-killed-run");
    }

    [Fact]
    public async Task Replay_FinishedWorkflowRun_NewRunWithParentThenListed()
    {
        await using var server = await WebServer.StartAsync();
        await server.OneNodeAsync("echo_flow", "echo");
        var runId = await server.DispatchAsync("echo_flow");
        var page = await LoggedInAsync(server);

        await page.GotoAsync($"/#/runs/{runId}");
        await Expect(page.Locator("dl.facts .badge").First).ToHaveTextAsync("completed");
        await Expect(page.Locator("#outputs pre")).ToHaveCountAsync(1);
        await page.GetByLabel("Replay mode").SelectOptionAsync("recorded");
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await ExpectRunPageAsync(page, except: runId);
        var replayId = RunIdOf(page.Url);
        await Expect(page.Locator("dl.facts .badge").First).ToHaveTextAsync("completed");
        await Expect(page.Locator($"dl.facts a[href='#/runs/{runId}']")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "08-replayed-run");

        Assert.Equal(runId, (string)(await server.GetAsync($"/runs/{replayId}"))["run"]!["parent_run_id"]!);
        await page.GetByRole(AriaRole.Link, new() { Name = "Runs", Exact = true }).ClickAsync();
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
        await page.GetByLabel("Search").FillAsync(replayId);
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator($"tbody tr[data-run='{replayId}']")).ToBeVisibleAsync();
        await page.GetByLabel("Search").FillAsync(string.Empty);
        await BrowserFixture.ScreenshotAsync(page, "06-runs");
    }

    [Fact]
    public async Task Studio_TwoNodesWiredOnTheCanvas_SavedAsSpecAndRun()
    {
        await using var server = await WebServer.StartAsync();
        foreach (var agent in new[] { "alpha_one", "alpha_two" })
        {
            await server.PostSpecAsync("agents", $"kind: agent\nname: {agent}\nmodel: deterministic\nagent_kind: llm\nsystem_prompt: You answer the ticket.\n");
        }

        var page = await LoggedInAsync(server);
        await page.GetByRole(AriaRole.Link, new() { Name = "Studio", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Agents")).ToContainTextAsync("alpha_two");
        await page.GetByLabel("Workflow name").FillAsync("web_pair");
        foreach (var (node, agent) in new[] { ("first", "alpha_one"), ("second", "alpha_two") })
        {
            await page.GetByLabel("Node id").FillAsync(node);
            await page.GetByLabel("Adapter kind").SelectOptionAsync("execution");
            await page.GetByLabel("Agents").SelectOptionAsync(agent);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add node" }).ClickAsync();
        }

        await page.Locator("svg.canvas g[data-node='first']").ClickAsync();
        await page.Locator("svg.canvas g[data-node='second']").ClickAsync();
        await Expect(page.Locator("#studio-edges li")).ToHaveCountAsync(1);
        await Expect(page.Locator("svg.canvas line.edge")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "09-studio");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and run" }).ClickAsync();
        await ExpectRunPageAsync(page);
        var runId = RunIdOf(page.Url);

        await Expect(page.Locator("dl.facts .badge").First).ToHaveTextAsync("completed");
        await Expect(page.Locator("#panels section.panel[data-status='completed']")).ToHaveCountAsync(2);
        await Expect(page.Locator("#outputs pre")).ToHaveCountAsync(2);
        var content = (await server.GetAsync("/workflows/specs/web_pair/versions/1"))["content"]!;
        Assert.Equal(["first", "second"], content["nodes"]!.AsArray().Select(n => (string)n!["id"]!));
        var edge = Assert.Single(content["edges"]!.AsArray());
        Assert.Equal(("first", "second"), ((string)edge!["from"]!, (string)edge["to"]!));
        var agentRuns = (await server.GetAsync($"/runs/{runId}"))["agent_runs"]!.AsArray();
        Assert.Equal(["first", "second"], agentRuns.Select(a => (string)a!["node"]!).Order());
    }

    [Fact]
    public async Task Specs_TwoVersions_HashesListedAndDiffShowsTheChange()
    {
        await using var server = await WebServer.StartAsync();
        await server.PostSpecAsync("agents", "kind: agent\nname: diffy\nmodel: deterministic\nagent_kind: llm\nsystem_prompt: First wording.\n");
        await server.PostSpecAsync("agents", "kind: agent\nname: diffy\nmodel: deterministic\nagent_kind: llm\nsystem_prompt: Second wording.\n");
        var versions = (await server.GetAsync("/agents/specs/diffy"))["versions"]!.AsArray();
        var page = await LoggedInAsync(server);

        await page.GetByRole(AriaRole.Link, new() { Name = "Specs", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Agents", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "diffy" }).ClickAsync();
        foreach (var version in versions)
        {
            await Expect(page.Locator($"#spec-detail td[title='{(string)version!["spec_hash"]!}']")).ToHaveCountAsync(1);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Diff" }).ClickAsync();
        await Expect(page.Locator("#diff del")).ToContainTextAsync("First wording.");
        await Expect(page.Locator("#diff ins")).ToContainTextAsync("Second wording.");
        await BrowserFixture.ScreenshotAsync(page, "10-specs-diff");
    }

    private Task<IPage> LoggedInAsync(WebServer server) => browser.LoggedInAsync(server);

    /// <summary>
    /// Waits until the page shows a run (another than <paramref name="except"/>): polls the address, which a hash change
    /// updates without a navigation to wait for; on a timeout, says what the page reported instead (a problem it shows).
    /// </summary>
    private static async Task ExpectRunPageAsync(IPage page, string? except = null)
    {
        var wanted = except is null ? RunUrl() : new Regex($"#/runs/(?!{except}$)(run_[0-9a-f]+)$");
        try
        {
            await Expect(page).ToHaveURLAsync(wanted);
        }
        catch (PlaywrightException ex)
        {
            var alerts = await page.GetByRole(AriaRole.Alert).AllInnerTextsAsync();
            await BrowserFixture.ScreenshotAsync(page, "failed-" + Guid.NewGuid().ToString("N")[..8]);
            throw new InvalidOperationException($"the page did not open a run ({page.Url}); it shows: {string.Join(" | ", alerts)}", ex);
        }
    }

    private static string RunIdOf(string url) => RunUrl().Match(url).Groups[1].Value;

    [GeneratedRegex("#/runs/(run_[0-9a-f]+)$")]
    private static partial Regex RunUrl();

    [GeneratedRegex(@"^agent\.([^.]+)\.started$")]
    private static partial Regex AgentStarted();
}
