using System.Text;
using ExplainerStudio.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

public sealed class ReferenceSetTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    [Fact]
    public Task LockedReferenceSet_OffersNoUploadOrRemove_WhileItsNewDraftDoes() =>
        studio.RunAsync(output, nameof(LockedReferenceSet_OffersNoUploadOrRemove_WhileItsNewDraftDoes), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            await OpenDemoCharacterAsync(page, 0);

            var locked = page.Locator("[data-testid=reference-set][data-locked=true]");
            await Expect(locked).ToHaveCountAsync(1);
            var lockedImages = await locked.GetByTestId("reference-image").CountAsync();
            Assert.True(lockedImages > 0, "The demo character's locked set should hold its drawn references.");
            await Expect(locked.Locator("input[type=file]")).ToHaveCountAsync(0);
            await Expect(locked.Locator("[title='Remove image']")).ToHaveCountAsync(0);
            await Expect(locked.Locator("#lock-set")).ToHaveCountAsync(0);

            await page.Locator("#start-version").ClickInteractiveAsync();
            var draft = page.Locator("[data-testid=reference-set][data-locked=false]");
            await Expect(draft.Locator("h3")).ToHaveTextAsync("Version 2");
            await Expect(draft.GetByTestId("reference-image")).ToHaveCountAsync(lockedImages);
            await Expect(draft.Locator("[title='Remove image']")).ToHaveCountAsync(lockedImages);
            await Expect(draft.Locator(StudioSelectors.ReferenceUpload)).ToHaveCountAsync(1);

            await Expect(locked.Locator("input[type=file]")).ToHaveCountAsync(0);
            await Expect(locked.Locator("[title='Remove image']")).ToHaveCountAsync(0);
            await Expect(locked.GetByTestId("reference-image")).ToHaveCountAsync(lockedImages);
        });

    [Fact]
    public Task UploadOfATextFileNamedPng_ShowsAClearError_AndAddsNoImage() =>
        studio.RunAsync(output, nameof(UploadOfATextFileNamedPng_ShowsAClearError_AndAddsNoImage), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            await OpenDemoCharacterAsync(page, 1);
            await page.Locator("#start-version").ClickInteractiveAsync();
            var draft = page.Locator("[data-testid=reference-set][data-locked=false]");
            await Expect(draft).ToHaveCountAsync(1);
            var before = await draft.GetByTestId("reference-image").CountAsync();

            await page.UploadAsync(StudioSelectors.ReferenceUpload, new FilePayload
            {
                Name = "x.png",
                MimeType = "image/png",
                Buffer = Encoding.UTF8.GetBytes("This is a shopping list, not a picture.\n"),
            });

            var error = page.Locator(".mud-snackbar").Filter(new() { HasText = "Not saved" });
            await Expect(error).ToBeVisibleAsync();
            await Expect(error).ToContainTextAsync("'x.png' is not a PNG, JPEG or WebP image");
            await Expect(page.Locator(StudioSelectors.ReferenceUpload)).ToBeEnabledAsync();
            // An error stays until dismissed.
            await error.GetByRole(AriaRole.Button).ClickAsync();
            await Expect(error).ToHaveCountAsync(0);
            await Expect(draft.GetByTestId("reference-image")).ToHaveCountAsync(before);
            await Expect(draft.GetByTestId("reference-image").Filter(new() { HasText = "x.png" })).ToHaveCountAsync(0);

            await page.ReloadInteractiveAsync();
            await Expect(page.Locator("[data-testid=reference-set][data-locked=false]").GetByTestId("reference-image")).ToHaveCountAsync(before);
        });

    private static async Task OpenDemoCharacterAsync(IPage page, int index)
    {
        await page.GotoInteractiveAsync("");
        await page.GetByTestId("project-card").First.ClickAsync();
        await Expect(page.GetByTestId("project-title")).ToBeVisibleAsync();
        await page.GotoInteractiveAsync(new Uri(page.Url).AbsolutePath + "/characters");
        await page.GetByTestId("character-card").Nth(index).ClickAsync();
        await Expect(page.GetByTestId("character-title")).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
    }
}
