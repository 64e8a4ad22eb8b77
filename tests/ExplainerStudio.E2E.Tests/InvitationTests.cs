using ExplainerStudio.E2E.Tests.Infrastructure;
using ExplainerStudio.Web.Components.Account;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

/// <summary>With open registration off, an owner's invitation link is the only way in, it works once, and a revoked one not at all.</summary>
public sealed class InvitationTests(InvitationOnlyStudioFixture studio, ITestOutputHelper output) : IClassFixture<InvitationOnlyStudioFixture>
{
    private static readonly TestAccount Invited = new("Ivy Invited", "ivy@studio.test", "ivy-pass-12345");

    [Fact]
    public Task AnOwnersInvitationLink_RegistersOnce_AnUninvitedOrRevokedRegistrationIsRefused() =>
        studio.RunAsync(output, nameof(AnOwnersInvitationLink_RegistersOnce_AnUninvitedOrRevokedRegistrationIsRefused), async session =>
        {
            var owner = await studio.SignInOwnerAsync(session);
            await owner.GotoInteractiveAsync("");
            var projectPath = "/" + await owner.GetByTestId("project-card").First.GetAttributeAsync("href");
            await owner.GotoInteractiveAsync(projectPath + "/members");

            var link = await CreateInvitationAsync(owner, previous: null);
            Assert.Contains("/Account/Register?invite=", link, StringComparison.Ordinal);
            await Expect(owner.GetByTestId("invitation").Filter(new() { HasText = "Editor" })).ToHaveAttributeAsync("data-state", "Open");

            var stranger = await session.NewPageAsync();
            await stranger.GotoAsync("Account/Register");
            await Expect(stranger.GetByText(AccountMessages.RegistrationClosed)).ToBeVisibleAsync();
            await Expect(stranger.Locator("#create-account")).ToHaveCountAsync(0);

            var invited = await session.NewPageAsync();
            await invited.GotoAsync(link);
            await Expect(invited.Locator("h1")).ToHaveTextAsync("Create an account");
            await invited.Locator("#display-name").FillAsync(Invited.DisplayName);
            await invited.Locator("#email").FillAsync(Invited.Email);
            await invited.Locator("#password").FillAsync(Invited.Password);
            await invited.Locator("#confirm-password").FillAsync(Invited.Password);
            await invited.Locator("#create-account").ClickAsync();
            await Expect(invited.GetByTestId("current-user")).ToHaveTextAsync(Invited.Email);

            // The invited editor is a member, and only the owner sees the invitations.
            await invited.GotoInteractiveAsync(projectPath + "/members");
            await Expect(invited.GetByTestId("members")).ToContainTextAsync(Invited.Email);
            await Expect(invited.GetByTestId("invitations")).ToHaveCountAsync(0);

            // Administration: the studio's first account sees what data/ holds, per kind; the invited editor does not.
            await owner.GotoInteractiveAsync("/admin");
            await Expect(owner.Locator("[data-testid=storage-folder][data-folder='']")).ToContainTextAsync("database");
            await Expect(owner.Locator($"[data-testid=account][data-email='{Invited.Email}']")).ToHaveAttributeAsync("data-administrator", "false");
            await owner.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "administration", "administration.png"), FullPage = true });
            await invited.GotoInteractiveAsync("/admin");
            await Expect(invited.GetByText("Administration not available")).ToBeVisibleAsync();
            await Expect(invited.GetByTestId("storage")).ToHaveCountAsync(0);

            await owner.GotoInteractiveAsync(projectPath + "/members");
            await Expect(owner.GetByTestId("members")).ToContainTextAsync(Invited.Email);
            await Expect(owner.GetByTestId("invitation")).ToHaveAttributeAsync("data-state", "Accepted");

            // A used link does not open a second account.
            var second = await session.NewPageAsync();
            await second.GotoAsync(link);
            await Expect(second.GetByText(AccountMessages.InvitationUsed)).ToBeVisibleAsync();

            // A revoked link is refused too.
            var revokedLink = await CreateInvitationAsync(owner, previous: link);
            Assert.NotEqual(link, revokedLink);
            var open = owner.Locator("[data-testid=invitation][data-state=Open]");
            await open.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
            var dialog = owner.GetByRole(AriaRole.Dialog);
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
            await Expect(owner.Locator(".mud-snackbar").Filter(new() { HasText = "Invitation revoked" })).ToBeVisibleAsync();
            await Expect(owner.Locator("[data-testid=invitation][data-state=Revoked]")).ToHaveCountAsync(1);
            var late = await session.NewPageAsync();
            await late.GotoAsync(revokedLink);
            await Expect(late.GetByText(AccountMessages.InvitationUsed)).ToBeVisibleAsync();
            await Expect(late.Locator("#create-account")).ToHaveCountAsync(0);
        });

    // Waits for a link other than the previous one: the field keeps showing the last link until the new one arrives.
    private static async Task<string> CreateInvitationAsync(IPage owner, string? previous)
    {
        var openBefore = await owner.Locator("[data-testid=invitation][data-state=Open]").CountAsync();
        await owner.Locator("#create-invitation").ClickAsync();
        await Expect(owner.Locator("[data-testid=invitation][data-state=Open]")).ToHaveCountAsync(openBefore + 1);
        var field = owner.Locator("#invitation-link");
        await Expect(field).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("invite="));
        var link = await field.InputValueAsync();
        Assert.NotEqual(previous, link);
        return link;
    }
}
