using System.Net;
using ExplainerStudio.Web.Demo;

namespace ExplainerStudio.Web.Tests;

[Collection(StudioCollection.Name)]
public class AccountTests(StudioFixture studio)
{
    private const string Password = "another-account-7";

    private StudioFactory Factory => studio.Factory;

    [Fact]
    public async Task Register_SignsTheNewAccountIn_WithADemoProjectOfItsOwn()
    {
        await Factory.CreateUserAsync();
        using var browser = StudioBrowser.Open(Factory);
        var email = $"new-{Guid.NewGuid():N}@example.test";

        var response = await browser.SubmitFormAsync("/Account/Register", "register", Fields("Newcomer", email, Password, Password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", browser.RedirectPath(response));
        var home = await browser.Client.GetStringAsync("/");
        Assert.Contains(DemoProjectSeeder.ProjectName, home, StringComparison.Ordinal);
        Assert.Equal(2, home.Split("data-testid=\"project-card\"").Length);
    }

    [Fact]
    public async Task Register_WithAnEmailThatHasAnAccount_IsRefusedAndChangesNothing()
    {
        var existing = await Factory.CreateUserAsync(Password);
        using var browser = StudioBrowser.Open(Factory);
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var response = await browser.SubmitFormAsync("/Account/Register", "register", Fields("Copycat", existing.Email!.ToUpperInvariant(), Password, Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("An account with that e-mail already exists. Sign in instead.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task Register_WithPasswordsThatDiffer_IsRefusedAndChangesNothing()
    {
        await Factory.CreateUserAsync();
        using var browser = StudioBrowser.Open(Factory);
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var response = await browser.SubmitFormAsync("/Account/Register", "register", Fields("Typo", $"typo-{Guid.NewGuid():N}@example.test", Password, Password + "x"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The two passwords differ.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task Setup_OnceAnAccountExists_RedirectsToSignIn()
    {
        await Factory.CreateUserAsync();
        using var browser = StudioBrowser.Open(Factory);

        var response = await browser.Client.GetAsync("/Account/Setup");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", browser.RedirectPath(response));
    }

    [Theory]
    [InlineData("%2F%2Fevil.example%2F", "/")]
    [InlineData("%2F%5Cevil.example%2F", "/")]
    [InlineData("https%3A%2F%2Fevil.example%2F", "/")]
    [InlineData("%2Fprojects%2F12", "/projects/12")]
    public async Task SignIn_ReturnsOnlyToLocalPages(string returnUrl, string expected)
    {
        var user = await Factory.CreateUserAsync(Password);
        using var browser = StudioBrowser.Open(Factory);

        var response = await browser.SubmitFormAsync("/Account/Login?ReturnUrl=" + returnUrl, "login", new()
        {
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, browser.RedirectPath(response));
    }

    [Fact]
    public async Task SignIn_IsLockedAfterTooManyWrongPasswords_EvenWithTheRightOne()
    {
        var user = await Factory.CreateUserAsync(Password);
        using var browser = StudioBrowser.Open(Factory);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wrong = await browser.SubmitFormAsync("/Account/Login", "login", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = "not-the-password-1" });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var right = await browser.SubmitFormAsync("/Account/Login", "login", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = Password });

        var unknown = await browser.SubmitFormAsync("/Account/Login", "login", new() { ["Input.Email"] = "nobody-" + Guid.NewGuid().ToString("N") + "@example.test", ["Input.Password"] = Password });

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await browser.Client.GetAsync("/api/projects")).StatusCode);
        // A locked account and one that does not exist read the same, so the page tells no one which addresses exist.
        Assert.Equal(LoginError(await unknown.Content.ReadAsStringAsync()), LoginError(await right.Content.ReadAsStringAsync()));
        Assert.DoesNotContain("locked", LoginError(await right.Content.ReadAsStringAsync()), StringComparison.OrdinalIgnoreCase);
    }

    private static string LoginError(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"login-error\"[^>]*>([^<]*)<");
        Assert.True(match.Success, "The page shows no sign-in error.");
        return match.Groups[1].Value;
    }

    private static Dictionary<string, string> Fields(string name, string email, string password, string confirm) => new()
    {
        ["Input.DisplayName"] = name,
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = confirm,
    };
}
