using System.Text.RegularExpressions;
using ExplainerStudio.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

public sealed partial class ImportJourneyTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    // An article without dialogue: narrated. The fenced code's "# comment" lines must stay notes, not scenes.
    private const string Article =
        """
        # How diffusion paints

        Diffusion models start from pure noise. Each step removes a little of it. After enough steps a picture appears.

        The model learned this by watching noise being added to millions of pictures.

        ## Why does it need so many steps?

        Every step only makes a small correction. Small corrections keep the picture stable.

        ```python
        # add noise
        x = x + noise
        # remove noise
        x = model(x)
        ```
        """;

    [Fact]
    public Task ImportArticle_PreviewAdjustAndCommit_StoryboardShowsTheAdjustedShots() =>
        studio.RunAsync(output, nameof(ImportArticle_PreviewAdjustAndCommit_StoryboardShowsTheAdjustedShots), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            var projectPath = await CreateProjectAsync(page, "Diffusion article");

            await page.GotoInteractiveAsync(projectPath + "/import");
            await page.Locator("#script-text").FillAsync(Article);
            await page.Locator("#preview-import").ClickInteractiveAsync();

            var preview = page.GetByTestId("import-preview");
            await Expect(preview.GetByTestId("import-scene-title")).ToHaveTextAsync(["How diffusion paints"]);
            var shots = preview.GetByTestId("import-shot");
            await Expect(shots).ToHaveCountAsync(3);
            await Expect(shots.GetByTestId("import-shot-title").Nth(2)).ToHaveTextAsync("Why does it need so many steps?");
            // Narrated: every shot has a Narrator line and an estimate; the code is the FAQ shot's notes.
            await Expect(shots.GetByTestId("line-text").First).ToContainTextAsync("Diffusion models start from pure noise.");
            await Expect(shots.GetByTestId("shot-seconds")).ToHaveTextAsync([SecondsPattern(), SecondsPattern(), SecondsPattern()]);
            await Expect(preview.GetByTestId("scene-seconds")).ToHaveTextAsync(new Regex(@"^3 shots · \d+\.\d s$"));
            await Expect(preview.GetByTestId("import-total")).ToContainTextAsync(SecondsPattern());
            await Expect(preview.GetByTestId("import-characters")).ToContainTextAsync("Narrator");
            await Expect(shots.Nth(2).GetByTestId("shot-notes")).ToContainTextAsync("# add noise");

            var screenshots = Path.Combine(AppContext.BaseDirectory, "e2e-screenshots");
            Directory.CreateDirectory(screenshots);
            var screenshot = Path.Combine(screenshots, "import-preview.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            output.WriteLine($"Preview screenshot: {screenshot}");

            // Merge the second paragraph with the FAQ shot after it.
            await Shot(page, "The model learned").GetByTestId("merge-shot").ClickInteractiveAsync();
            await Expect(shots).ToHaveCountAsync(2);

            // Split the first shot before its second sentence.
            await shots.First.GetByRole(AriaRole.Button, new() { Name = "Split " }).ClickInteractiveAsync();
            await page.GetByText(new Regex("^Split before .Each step removes a little of it\\.")).ClickAsync();
            await Expect(shots).ToHaveCountAsync(3);
            await Expect(shots.GetByTestId("import-shot-title").Nth(1)).ToContainTextAsync("Each step removes a little of it");

            // Rename the first shot from the keyboard: Enter keeps the new title.
            await shots.First.GetByRole(AriaRole.Button, new() { Name = "Rename shot" }).ClickInteractiveAsync();
            var field = shots.First.Locator(".studio-import-rename input");
            await Expect(field).ToBeFocusedAsync();
            await field.FillAsync("Pure noise");
            await field.PressAsync("Enter");
            await Expect(shots.GetByTestId("import-shot-title")).ToHaveTextAsync(
                [new Regex("^Pure noise$"), new Regex("^Each step removes a little of it"), new Regex("^The model learned")]);

            await page.Locator("#confirm-import").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(projectPath) + "$"));
            await Expect(page.GetByTestId("shot").Locator("h3")).ToHaveTextAsync(
                [new Regex("^Pure noise$"), new Regex("^Each step removes a little of it"), new Regex("^The model learned")]);
            await Expect(page.GetByTestId("scene")).ToHaveCountAsync(1);
        });

    private static ILocator Shot(IPage page, string titleStart) =>
        page.GetByTestId("import-shot").Filter(new() { Has = page.GetByTestId("import-shot-title").Filter(new() { HasTextString = titleStart }) });

    private static async Task<string> CreateProjectAsync(IPage page, string name)
    {
        await page.GotoInteractiveAsync("");
        await page.Locator("#new-project").ClickInteractiveAsync();
        await page.Locator("#project-name").FillAsync(name);
        await page.Locator("#create-project").ClickAsync();
        await Expect(page.GetByTestId("project-title")).ToHaveTextAsync(name);
        return new Uri(page.Url).AbsolutePath;
    }

    [GeneratedRegex(@"\d+\.\d s")]
    private static partial Regex SecondsPattern();
}
