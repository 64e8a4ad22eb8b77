using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests.Infrastructure;

/// <summary>The account pages are static server-rendered forms: no circuit to wait for, a real POST and redirect.</summary>
public static class StudioAccounts
{
    public static async Task SetUpFirstAccountAsync(IPage page, TestAccount account)
    {
        await page.GotoAsync("Account/Setup");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Welcome to your studio");
        await FillAndSubmitAsync(page, account);
    }

    public static async Task RegisterAsync(IPage page, TestAccount account)
    {
        await page.GotoAsync("Account/Register");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Create an account");
        await FillAndSubmitAsync(page, account);
    }

    public static async Task SignInAsync(IPage page, TestAccount account)
    {
        await page.GotoAsync("Account/Login");
        await page.Locator("#email").FillAsync(account.Email);
        await page.Locator("#password").FillAsync(account.Password);
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page.GetByTestId("current-user")).ToHaveTextAsync(account.Email);
    }

    private static async Task FillAndSubmitAsync(IPage page, TestAccount account)
    {
        await page.Locator("#display-name").FillAsync(account.DisplayName);
        await page.Locator("#email").FillAsync(account.Email);
        await page.Locator("#password").FillAsync(account.Password);
        await page.Locator("#confirm-password").FillAsync(account.Password);
        await page.Locator("#create-account").ClickAsync();
        await Expect(page.GetByTestId("current-user")).ToHaveTextAsync(account.Email);
    }
}
