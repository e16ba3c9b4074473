using Microsoft.Playwright;

namespace Alpha.Web.Tests;

/// <summary>
/// One headless Chromium for the whole suite: Debian's /usr/bin/chromium (or <c>ALPHA_CHROMIUM</c>) driven by
/// Playwright through ExecutablePath, so nothing is downloaded; the flags keep it from calling hosts this machine
/// cannot reach (shared/RECIPES.md). Each test gets its own context (no shared storage) at a laptop-sized viewport.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: the test output folder, not the repository.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("ALPHA_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"no browser at {executable}: install Debian's chromium (apt-get install chromium; scripts/test.sh does) or set ALPHA_CHROMIUM");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
        Assertions.SetDefaultExpectTimeout(30_000); // a shared 2-core machine: generous, since every wait ends on a condition
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A fresh page (its own context) at 1366x768, every wait bounded at 30 s.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh page logged in to <paramref name="server"/> with its token, showing the runs list.</summary>
    internal async Task<IPage> LoggedInAsync(WebServer server)
    {
        var page = await NewPageAsync(server.BaseAddress);
        await page.GotoAsync("/");
        await page.GetByLabel("API token").FillAsync(server.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Runs" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Saves a full-page PNG under <see cref="ScreenshotFolder"/>.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
