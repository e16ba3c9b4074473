using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Alpha.Platform.Ledger;
using Alpha.Server;
using Alpha.Server.Auth;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

// Usage: dotnet run -c Release --project bench/Alpha.Web.Bench -- [ROUNDS] [INCIDENT]
// Starts `alpha serve` in this process (Kestrel on 127.0.0.1, a fresh SQLite ledger, no model), drives Debian's
// Chromium (or ALPHA_CHROMIUM) headless, and prints a Markdown table of medians and p90s.
var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var root = FindRoot();
var incidentPath = args.Length > 1 ? args[1] : Path.Combine(root, "examples", "incidents", "deploy-cpu-regression.yaml");
var incident = await File.ReadAllTextAsync(incidentPath);
var directory = Directory.CreateTempSubdirectory("alpha-web-bench-").FullName;
var ledger = await SqliteLedgerStore.OpenAsync(Path.Combine(directory, "ledger.db"));
var (token, _) = await ApiTokens.IssueAsync(ledger, "bench");
await using var app = AlphaServer.Build(new ServerOptions { Ledger = ledger, Urls = ["http://127.0.0.1:0"], Environment = _ => null }, b => b.Logging.ClearProviders());
await app.StartAsync();
var baseUrl = app.Urls.First();

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = Environment.GetEnvironmentVariable("ALPHA_CHROMIUM") ?? "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
});

var cold = new List<double>();
var coldList = new List<double>();
var coldListInPage = new List<double>();
var floor = new List<double>();
var warm = new List<double>();
var firstPanel = new List<double>();
var hypotheses = new List<double>();
long assetBytes = 0, assetDecoded = 0, assetFiles = 0;
for (var round = 0; round <= rounds; round++)
{
    // A new context has an empty cache: a cold load. The token is put where the login form would keep it.
    await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
    await context.AddInitScriptAsync($"localStorage.setItem('alpha.token', {JsonSerializer.Serialize(token)})");
    var page = await context.NewPageAsync();
    var clock = Stopwatch.StartNew();
    await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
    await page.Locator("#runs-count").Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex("loaded") }).WaitForAsync();
    var listed = clock.Elapsed.TotalMilliseconds;
    var listedInPage = await page.EvaluateAsync<double>("() => new Promise(r => { const f = () => window.alphaMetrics.runsListMs !== undefined ? r(window.alphaMetrics.runsListMs) : requestAnimationFrame(f); f(); })");
    if (Environment.GetEnvironmentVariable("ALPHA_WEB_BENCH_TRACE") is not null)
    {
        Console.WriteLine(await page.EvaluateAsync<string>("() => JSON.stringify({ dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd, list: window.alphaMetrics.runsListMs, res: performance.getEntriesByType('resource').map(e => [e.name.replace(location.origin, ''), Math.round(e.startTime), Math.round(e.responseEnd)]) })"));
    }

    var load = await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].loadEventEnd");
    var weight = await page.EvaluateAsync<JsonElement>(
        "() => { const n = performance.getEntriesByType('navigation')[0]; const r = performance.getEntriesByType('resource').filter(e => e.initiatorType !== 'fetch');" +
        " return { bytes: n.transferSize + r.reduce((a, e) => a + e.transferSize, 0), decoded: n.decodedBodySize + r.reduce((a, e) => a + e.decodedBodySize, 0), files: 1 + r.length }; }");

    // The floor: the same browser loading a page with no asset (the health check's JSON) from the same server.
    var floorPage = await context.NewPageAsync();
    await floorPage.GotoAsync("/healthz", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
    var floorLoad = await floorPage.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].loadEventEnd");
    await floorPage.CloseAsync();

    await page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.Load });
    var warmLoad = await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].loadEventEnd");

    await page.GetByRole(AriaRole.Link, new() { Name = "Analyse", Exact = true }).ClickAsync();
    await page.GetByLabel("Incident (JSON or YAML)").FillAsync(incident);
    clock.Restart();
    await page.GetByRole(AriaRole.Button, new() { Name = "Analyse", Exact = true }).ClickAsync();
    await page.Locator("main[data-first-panel-ms]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    await page.Locator("#hypotheses").WaitForAsync();
    var shown = clock.Elapsed.TotalMilliseconds;
    var panel = await page.EvaluateAsync<double>("() => window.alphaMetrics.firstPanelMs");
    if (round == 0)
    {
        continue; // warm-up: JIT of the server and the browser's first start
    }

    cold.Add(load);
    coldList.Add(listed);
    coldListInPage.Add(listedInPage);
    floor.Add(floorLoad);
    warm.Add(warmLoad);
    firstPanel.Add(panel);
    hypotheses.Add(shown);
    assetBytes = weight.GetProperty("bytes").GetInt64();
    assetDecoded = weight.GetProperty("decoded").GetInt64();
    assetFiles = weight.GetProperty("files").GetInt64();
}

Console.WriteLine($"Operator page on {baseUrl} (in-process alpha serve, SQLite ledger, deterministic agents), Chromium {browser.Version}, {rounds} rounds after one warm-up; incident {Path.GetFileName(incidentPath)}");
Console.WriteLine();
Console.WriteLine("| measure | median | p90 | min | max |");
Console.WriteLine("|---|---:|---:|---:|---:|");
Row("cold load (empty cache): navigation to load event, ms", cold);
Row("cold load: navigation to runs list painted (in page), ms", coldListInPage);
Row("cold load to runs list drawn (wall, incl. driver), ms", coldList);
Row("floor: navigation to load event of /healthz (no asset), ms", floor);
Row("warm reload (304s): navigation to load event, ms", warm);
Row("dispatch to first agent panel painted (in page), ms", firstPanel);
Row("dispatch to ranked hypotheses shown (wall, incl. driver), ms", hypotheses);
Console.WriteLine();
Console.WriteLine($"Page weight: {assetFiles} files, {assetBytes:N0} bytes transferred (gzip, with headers), {assetDecoded:N0} bytes decoded.");

await app.StopAsync();
await ledger.DisposeAsync();
Directory.Delete(directory, recursive: true);
return 0;

static void Row(string name, List<double> values)
{
    var sorted = values.Order().ToArray();
    double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {At(0.5):F0} | {At(0.9):F0} | {sorted[0]:F0} | {sorted[^1]:F0} |"));
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Alpha.slnx")))
        {
            return dir.FullName;
        }
    }

    throw new DirectoryNotFoundException("Alpha.slnx was not found above the program.");
}
