using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ExplainerStudio.E2E.Tests.Infrastructure;

/// <summary>The browser contexts one test opened; closes them at the end and photographs them when the test fails.</summary>
public sealed class BrowserSession(StudioFixture fixture, ITestOutputHelper output, string testName) : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];

    /// <summary>A page in a new, isolated context (its own cookies), optionally restoring a signed-in state.</summary>
    public async Task<IPage> NewPageAsync(string? storageState = null)
    {
        var context = await fixture.NewContextAsync(storageState);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        // Browser-side errors explain most failures of a browser test; they go to the test's output.
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Log($"browser {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Log($"page error: {error}");
        return page;
    }

    public void Log(string message)
    {
        try
        {
            output.WriteLine(message);
        }
        catch (InvalidOperationException)
        {
            // Events can arrive after the test finished; xunit refuses output then, and nothing is lost that matters.
        }
    }

    internal async Task CaptureScreenshotsAsync()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "e2e-failures");
        Directory.CreateDirectory(folder);
        var index = 0;
        foreach (var page in _contexts.SelectMany(c => c.Pages).Where(p => !p.IsClosed))
        {
            var path = Path.Combine(folder, $"{testName}-{++index}.png");
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Timeout = 10_000 });
                Log($"Screenshot of {page.Url}: {path}");
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                // A page too busy to be pictured must not hide the test's own failure.
                Log($"No screenshot of {page.Url}: {e.Message}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }
}
