using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Alpha.Web.Tests;

/// <summary>
/// The studio keeps where each node sits in the WorkflowSpec it saves (<c>layout</c>), and a fresh browser that opens
/// the spec again puts the nodes back there: positions live in the ledger, not in one browser's storage.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed partial class StudioLayoutTests(BrowserFixture browser)
{
    [Fact]
    public async Task Studio_MovedNodesSaved_LayoutInTheSpecAndRestoredInAnotherBrowser()
    {
        await using var server = await WebServer.StartAsync();
        foreach (var agent in new[] { "alpha_one", "alpha_two" })
        {
            await server.PostSpecAsync("agents", $"kind: agent\nname: {agent}\nmodel: deterministic\nagent_kind: llm\nsystem_prompt: You answer the ticket.\n");
        }

        var page = await browser.LoggedInAsync(server);
        await page.GetByRole(AriaRole.Link, new() { Name = "Studio", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Agents")).ToContainTextAsync("alpha_two");
        await page.GetByLabel("Workflow name").FillAsync("web_layout");
        foreach (var (node, agent) in new[] { ("first", "alpha_one"), ("second", "alpha_two") })
        {
            await page.GetByLabel("Node id").FillAsync(node);
            await page.GetByLabel("Adapter kind").SelectOptionAsync("execution");
            await page.GetByLabel("Agents").SelectOptionAsync(agent);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add node" }).ClickAsync();
        }

        // One node dragged with the mouse, the other moved with the keyboard.
        var first = page.Locator("svg.canvas g[data-node='first']");
        var box = (await first.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 20, box.Y + 20);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 80, box.Y + 120, new() { Steps = 8 });
        await page.Mouse.UpAsync();
        var second = page.Locator("svg.canvas g[data-node='second']");
        var before = await PlaceAsync(second);
        await second.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Shift+ArrowDown");
        await page.Keyboard.PressAsync("ArrowLeft");
        var placed = new Dictionary<string, (double X, double Y)> { ["first"] = await PlaceAsync(first), ["second"] = await PlaceAsync(second) };
        Assert.NotEqual(before, placed["second"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as spec" }).ClickAsync();
        await Expect(page.Locator("#studio-saved")).ToContainTextAsync("web_layout v1");

        var layout = (await server.GetAsync("/workflows/specs/web_layout/versions/1"))["content"]!["layout"]!.AsObject();
        Assert.Equal(["first", "second"], layout.Select(p => p.Key).Order());
        foreach (var (node, (x, y)) in placed)
        {
            Assert.Equal(Math.Round(x), (double)layout[node]!["x"]!);
            Assert.Equal(Math.Round(y), (double)layout[node]!["y"]!);
        }

        // Another browser (no shared storage) opens the spec: the nodes are where they were saved.
        var other = await browser.LoggedInAsync(server);
        await other.GetByRole(AriaRole.Link, new() { Name = "Studio", Exact = true }).ClickAsync();
        await Expect(other.GetByLabel("Open a workflow")).ToContainTextAsync("web_layout");
        await other.GetByLabel("Open a workflow").SelectOptionAsync("web_layout");
        foreach (var (node, place) in layout)
        {
            await Expect(other.Locator($"svg.canvas g[data-node='{node}']")).ToHaveAttributeAsync("transform", $"translate({Num(place!["x"]!)},{Num(place["y"]!)})");
        }

        await BrowserFixture.ScreenshotAsync(other, "13-studio-layout-restored");

        // Moving a node is a change of the spec: saving again locks version 2, with another hash.
        await other.Locator("svg.canvas g[data-node='first']").FocusAsync();
        await other.Keyboard.PressAsync("ArrowRight");
        await other.GetByRole(AriaRole.Button, new() { Name = "Save as spec" }).ClickAsync();
        await Expect(other.Locator("#studio-saved")).ToContainTextAsync("web_layout v2");
        var versions = (await server.GetAsync("/workflows/specs/web_layout"))["versions"]!.AsArray();
        Assert.Equal(2, versions.Count);
        Assert.NotEqual((string)versions[0]!["spec_hash"]!, (string)versions[1]!["spec_hash"]!);
    }

    private static async Task<(double X, double Y)> PlaceAsync(ILocator node)
    {
        var match = Translate().Match((await node.GetAttributeAsync("transform"))!);
        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static string Num(JsonNode value) => ((double)value).ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^translate\(([-0-9.e]+),([-0-9.e]+)\)$")]
    private static partial Regex Translate();
}
