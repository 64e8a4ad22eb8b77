using System.Text.RegularExpressions;
using ExplainerStudio.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

public sealed partial class StudioShellTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    // Relative luminance of the page background, 0 (black) to 1 (white).
    private const string BackgroundLuminanceScript =
        """
        () => {
            const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
            return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        }
        """;

    [Fact]
    public Task ThemeToggle_SwitchesBetweenLightAndDark_AndTheChoiceSurvivesAReload() =>
        studio.RunAsync(output, nameof(ThemeToggle_SwitchesBetweenLightAndDark_AndTheChoiceSurvivesAReload), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            await page.GotoInteractiveAsync("");
            var theme = page.Locator("#radzen-theme-link");
            var toggle = page.GetByTitle("Light or dark theme");

            await Expect(theme).Not.ToHaveAttributeAsync("href", DarkTheme());
            Assert.True(await page.EvaluateAsync<double>(BackgroundLuminanceScript) > 0.6, "The light theme should have a light page.");

            await toggle.ClickInteractiveAsync();
            await Expect(theme).ToHaveAttributeAsync("href", DarkTheme());
            await WaitForStylesheetAsync(page);
            Assert.True(await page.EvaluateAsync<double>(BackgroundLuminanceScript) < 0.3, "The dark theme should have a dark page.");

            // The saved choice is in the server-rendered HTML already, so a reload does not flash the light theme.
            var prerendered = await (await page.Context.APIRequest.GetAsync("")).TextAsync();
            Assert.Matches(DarkTheme(), prerendered);
            await page.ReloadInteractiveAsync();
            await Expect(theme).ToHaveAttributeAsync("href", DarkTheme());

            await toggle.ClickInteractiveAsync();
            await Expect(theme).Not.ToHaveAttributeAsync("href", DarkTheme());
            await WaitForStylesheetAsync(page);
            Assert.True(await page.EvaluateAsync<double>(BackgroundLuminanceScript) > 0.6, "Toggling back should restore the light page.");
        });

    [Fact]
    public Task LostConnection_ShowsTheReconnectIndicator_UntilTheCircuitIsBack() =>
        studio.RunAsync(output, nameof(LostConnection_ShowsTheReconnectIndicator_UntilTheCircuitIsBack), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            var refuseConnections = false;
            IWebSocketRoute? circuitSocket = null;
            await page.RouteWebSocketAsync(BlazorHub(), socket =>
            {
                circuitSocket = socket;
                socket.ConnectToServer();
            });
            // Reconnect attempts start with a negotiate request; failing it keeps the studio "offline" for as long
            // as the test needs, whatever transport the client would fall back to.
            await page.RouteAsync(BlazorHub(), route => refuseConnections ? route.AbortAsync() : route.ContinueAsync());

            await page.GotoInteractiveAsync("");
            var indicator = page.Locator("#components-reconnect-modal");
            var lost = page.GetByText("Connection to the studio lost. Reconnecting…");
            await Expect(indicator).ToBeAttachedAsync();
            await Expect(lost).ToBeHiddenAsync();
            Assert.NotNull(circuitSocket);

            refuseConnections = true;
            await circuitSocket.CloseAsync(new WebSocketRouteCloseOptions { Code = 4000, Reason = "The test cut the connection." });
            await Expect(indicator).ToHaveClassAsync(new Regex("components-reconnect-show"));
            await Expect(lost).ToBeVisibleAsync();

            refuseConnections = false;
            await Expect(indicator).ToHaveClassAsync(new Regex("components-reconnect-hide"));
            await Expect(lost).ToBeHiddenAsync();

            // The same circuit answers again: the page still reacts.
            await page.Locator("#new-project").ClickAsync();
            await Expect(page.Locator("#project-name")).ToBeVisibleAsync();
        });

    private static async Task WaitForStylesheetAsync(IPage page) =>
        await page.WaitForFunctionAsync(
            "() => { const link = document.getElementById('radzen-theme-link'); return !!link && !!link.sheet; }");

    [GeneratedRegex("material-dark")]
    private static partial Regex DarkTheme();

    [GeneratedRegex("/_blazor")]
    private static partial Regex BlazorHub();
}
