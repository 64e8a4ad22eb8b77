using System.Text.RegularExpressions;
using ExplainerStudio.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

public sealed partial class ModelPackTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    [Fact]
    public Task ModelPacksPage_ListsPrevizWithItsProvider_AndTestRenderShowsAnImage() =>
        studio.RunAsync(output, nameof(ModelPacksPage_ListsPrevizWithItsProvider_AndTestRenderShowsAnImage), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            await page.GotoInteractiveAsync("packs");

            // No GPU here: Auto falls back to CPU and the header says so, with the reason on the page.
            await Expect(page.GetByTestId("provider-badge")).ToContainTextAsync("cpu", new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("provider-report")).ToContainTextAsync("CUDA");
            var previz = page.Locator("[data-testid=model-pack][data-pack-id=previz]");
            await Expect(previz).ToContainTextAsync("Previz");
            await Expect(previz).ToContainTextAsync(SizeText());
            await Expect(previz).ToContainTextAsync("runs on cpu");

            await previz.GetByTestId("test-render").ClickInteractiveAsync();

            var image = previz.GetByTestId("test-render-image");
            await Expect(image).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Expect(image).ToHaveAttributeAsync("src", PngDataUrl());
            var width = await image.EvaluateAsync<int>("img => img.naturalWidth");
            Assert.Equal(512, width);
            await Expect(previz.GetByTestId("test-render-result")).ToContainTextAsync("seed 42");
        });

    [Fact]
    public Task PullButton_ForAnOwner_ShowsTheDownloadersErrorWhenTheHubCannotBeReached() =>
        studio.RunAsync(output, nameof(PullButton_ForAnOwner_ShowsTheDownloadersErrorWhenTheHubCannotBeReached), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            await page.GotoInteractiveAsync("packs");
            var entry = page.Locator("[data-testid=pack-pull-entry][data-pack-name=sd-turbo]");
            await Expect(entry).ToContainTextAsync("jdp8/sd-turbo-onnx");

            await entry.GetByTestId("pack-pull-button").ClickInteractiveAsync();

            var error = entry.GetByTestId("pack-pull-error");
            await Expect(error).ToContainTextAsync("Cannot reach the pack server", new() { Timeout = 30_000 });
            await Expect(error).ToContainTextAsync("127.0.0.1:9");
            await Expect(error).ToContainTextAsync("Nothing was installed");
            await Expect(entry.GetByTestId("pack-pull-button")).ToHaveTextAsync("Retry pull");
            await Expect(page.Locator("[data-testid=model-pack][data-pack-id=sd-turbo]")).ToHaveCountAsync(0);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "pack-pull-error.png"), FullPage = true });
        });

    [GeneratedRegex(@"\d+(\.\d)? (KB|MB)")]
    private static partial Regex SizeText();

    [GeneratedRegex("^data:image/png;base64,")]
    private static partial Regex PngDataUrl();
}
