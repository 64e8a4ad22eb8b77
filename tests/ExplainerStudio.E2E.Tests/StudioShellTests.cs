using System.Text.RegularExpressions;
using ExplainerStudio.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

public sealed partial class StudioShellTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    // Relative luminance of the page background, 0 (black) to 1 (white).
    internal const string BackgroundLuminanceScript =
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
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
            await page.GotoInteractiveAsync("");
            var toggle = page.Locator("#theme-toggle");

            Assert.True(await page.EvaluateAsync<double>(BackgroundLuminanceScript) > 0.6, "The light theme should have a light page.");

            await toggle.ClickInteractiveAsync();
            await page.WaitForFunctionAsync(BackgroundLuminanceScript.Replace("return (", "return 0.3 > (", StringComparison.Ordinal));

            // The saved choice reaches the server-rendered HTML, so the first paint after a reload is already dark.
            await page.WaitForFunctionAsync("() => document.cookie.includes('ExplainerStudio.Theme=dark')");
            await page.ReloadAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            Assert.True(await page.EvaluateAsync<double>(BackgroundLuminanceScript) < 0.3, "The reloaded page should be dark from its first paint.");
            await page.WaitForInteractiveAsync();
            Assert.True(await page.EvaluateAsync<double>(BackgroundLuminanceScript) < 0.3, "The dark theme should stay once the circuit runs.");

            await toggle.ClickInteractiveAsync();
            await page.WaitForFunctionAsync(BackgroundLuminanceScript.Replace("return (", "return 0.6 < (", StringComparison.Ordinal));
        });

    [Fact]
    public Task FirstVisit_FollowsTheOperatingSystemsDarkPreference() =>
        studio.RunAsync(output, nameof(FirstVisit_FollowsTheOperatingSystemsDarkPreference), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            await page.Context.ClearCookiesAsync(new() { Name = "ExplainerStudio.Theme" });
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
            await page.GotoInteractiveAsync("");
            await page.WaitForFunctionAsync(BackgroundLuminanceScript.Replace("return (", "return 0.3 > (", StringComparison.Ordinal));
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
            var lost = indicator.Locator("p:visible").Filter(new() { HasText = "Connection to the studio lost." });
            await Expect(indicator).ToBeAttachedAsync();
            await Expect(lost).ToBeHiddenAsync();
            Assert.NotNull(circuitSocket);

            refuseConnections = true;
            await circuitSocket.CloseAsync(new WebSocketRouteCloseOptions { Code = 4000, Reason = "The test cut the connection." });
            await Expect(indicator).ToBeVisibleAsync();
            await Expect(lost).ToBeVisibleAsync();

            refuseConnections = false;
            await Expect(indicator).ToBeHiddenAsync();
            await Expect(lost).ToBeHiddenAsync();

            // The same circuit answers again: the page still reacts.
            await page.Locator("#new-project").ClickAsync();
            await Expect(page.Locator("#project-name")).ToBeVisibleAsync();
        });

    [GeneratedRegex("/_blazor")]
    private static partial Regex BlazorHub();
}
