using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Alpha.Testing.Loopback;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Alpha.Web.Tests;

/// <summary>
/// The models and data sources view (docs/web.md) against the real routes (<c>/agentic/models/*</c>,
/// <c>/agentic/vllm/*</c>, <c>/discovery/entries</c>, <c>/sources/{id}/probe</c>) with a loopback Ollama stand-in:
/// what the page shows is compared with what the API answers.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class ModelsPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Models_PullProfilesAndProbe_MatchTheApi()
    {
        await using var ollama = await LoopbackOllamaServer.StartAsync(["tiny:1b"]);
        using var profiles = new TempFolder();
        profiles.Write("box.yaml", $"base_url: {new Uri(ollama.Root, "v1")}\nmodels: [tiny:1b]\n");
        profiles.Write("broken.yaml", "base_url: gpu-box:8000\nmodels: []\n");
        using var imports = new TempFolder();
        imports.Write("nested/disk.json", "{\"deployment_id\": \"deploy-7\", \"logs\": [\"ERROR: disk full on db-1\"]}");
        await using var server = await WebServer.StartAsync(new Dictionary<string, string>
        {
            ["ALPHA_OLLAMA_URL"] = ollama.Root.ToString(),
            ["ALPHA_LLM_PROFILES"] = profiles.Path,
            ["ALPHA_IMPORTS_DIR"] = imports.Path,
        });
        var page = await browser.LoggedInAsync(server);

        await page.GetByRole(AriaRole.Link, new() { Name = "Models & sources" }).ClickAsync();

        // Providers with their health, as the API reports them.
        var running = (await server.GetAsync("/agentic/models/running"))["providers"]!.AsArray();
        await Expect(page.Locator("#providers tbody tr")).ToHaveCountAsync(running.Count);
        foreach (var provider in running)
        {
            await Expect(page.Locator($"#providers tr[data-provider='{(string)provider!["name"]!}'] td.health .badge")).ToHaveTextAsync((string)provider["health"]!["status"]!);
        }

        // An Ollama pull: one bar per layer, each taking the percentages of the pull's frames, up to 100.
        // A mutation record carries the value before each change (records are delivered in batches, after later changes):
        // the values a bar took are the old values after its first record, then its value now.
        await page.EvaluateAsync(
            @"() => {
                window.barOld = new Map();
                new MutationObserver((records) => {
                  for (const r of records) {
                    if (r.type === 'attributes' && r.target.dataset.digest) {
                      if (!window.barOld.has(r.target)) window.barOld.set(r.target, []);
                      window.barOld.get(r.target).push(Number(r.oldValue));
                    }
                  }
                }).observe(document.getElementById('pull-layers'), { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['value'] });
              }");
        await page.GetByLabel("Ollama model", new() { Exact = true }).FillAsync("small:3b");
        var pullResponse = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Pull", Exact = true }).ClickAsync(), "**/agentic/models/pull");
        var taskId = (string)JsonNode.Parse(await pullResponse.TextAsync())!["task_id"]!;
        await Expect(page.Locator("#pull-status .badge")).ToHaveTextAsync("completed");
        await Expect(page.Locator("#providers tr[data-provider='ollama'] td.models")).ToContainTextAsync("small:3b");
        await BrowserFixture.ScreenshotAsync(page, "11-models");

        var frames = await FramesAsync(server, taskId);
        var expected = frames.Where(f => (string)f["stage"]! == "model.pull.progress" && f["extras"]!["digest"] is not null && f["extras"]!["percent"] is not null)
            .GroupBy(f => (string)f["extras"]!["digest"]!)
            .ToDictionary(g => g.Key, g => g.Select(f => (double)f["extras"]!["percent"]!).ToArray());
        var shown = await page.EvaluateAsync<Dictionary<string, double[]>>("() => Object.fromEntries([...window.barOld].map(([bar, old]) => [bar.dataset.digest, [...old.slice(1), bar.value]]))");
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Keys.Order(), shown.Keys.Order());
        foreach (var (digest, percents) in expected)
        {
            Assert.Equal(percents, shown[digest]);
            Assert.Equal(100, await page.Locator($"#pull-layers progress[data-digest='{digest}']").EvaluateAsync<double>("p => p.value"));
        }

        Assert.Contains("small:3b", ollama.Models);

        // vLLM profiles: the invalid one with its errors, the valid one started.
        var listed = (await server.GetAsync("/agentic/vllm/profiles"))["profiles"]!.AsArray();
        await Expect(page.Locator("#profiles tbody tr")).ToHaveCountAsync(listed.Count);
        var broken = listed.Single(p => !(bool)p!["valid"]!)!;
        foreach (var error in broken["errors"]!.AsArray())
        {
            await Expect(page.Locator($"#profiles tr[data-profile='{(string)broken["name"]!}'] td.valid")).ToContainTextAsync((string)error!["field"]!);
        }

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Start {(string)broken["name"]!}" })).ToBeDisabledAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start box" }).ClickAsync();
        await Expect(page.Locator("#profiles tr[data-profile='box']")).ToHaveAttributeAsync("data-active", "true");
        var after = await server.GetAsync("/agentic/models/running");
        Assert.Equal("box", (string)after["active_profile"]!);
        var active = after["providers"]!.AsArray().Single(p => (bool)p!["active"]!)!;
        await Expect(page.Locator($"#providers tr[data-provider='{(string)active["name"]!}'] td.health .badge")).ToHaveTextAsync((string)active["health"]!["status"]!);

        // A data source probed from its row: the file entry, whose name is a path.
        var entry = (await server.GetAsync("/discovery/entries"))["entries"]!.AsArray().Single(e => (string)e!["name"]! == "nested/disk.json")!;
        var id = (string)entry["id"]!;
        var probed = await WebServer.ReadAsync(await server.Client.PostAsync($"/sources/{id}/probe", null));
        await page.GetByRole(AriaRole.Button, new() { Name = "Probe nested/disk.json" }).ClickAsync();
        await Expect(page.Locator($"#sources tr[data-source='{id}'] td.probe .badge")).ToHaveTextAsync((string)probed["status"]!);
        await Expect(page.Locator($"#sources tr[data-source='{id}'] td.probe")).ToContainTextAsync((string)probed["detail"]!);
        Assert.True((bool)probed["ok"]!, (string?)probed["detail"]);
        await BrowserFixture.ScreenshotAsync(page, "12-models-started-probed");
    }

    /// <summary>Every frame of a task, read as a late viewer (the stream starts from the first frame).</summary>
    private static async Task<JsonObject[]> FramesAsync(WebServer server, string taskId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/chat/stream/{taskId}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await server.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n'))
            .Where(lines => lines.Contains("event: frame"))
            .Select(lines => JsonNode.Parse(lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))[6..])!.AsObject())];
    }
}
