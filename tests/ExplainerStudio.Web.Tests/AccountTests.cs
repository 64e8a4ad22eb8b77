using System.Net;
using ExplainerStudio.Web.Demo;

namespace ExplainerStudio.Web.Tests;

[Collection(StudioCollection.Name)]
public sealed class AccountTests(StudioFixture studio)
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
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(home, "data-testid=\"project-card\""));
    }

    [Fact]
    public async Task Register_WithAnEmailThatHasAnAccount_IsRefusedAndChangesNothing()
    {
        var existing = await Factory.CreateUserAsync(Password);
        using var browser = StudioBrowser.Open(Factory);
        var before = await DatabaseSnapshot.TakeAsync(Factory.DatabasePath);

        var response = await browser.SubmitFormAsync("/Account/Register", "register", Fields("Copycat", existing.Email!.ToUpperInvariant(), Password, Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("An account with that e-mail already exists. Sign in instead.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory.DatabasePath));
    }

    [Fact]
    public async Task Register_WithPasswordsThatDiffer_IsRefusedAndChangesNothing()
    {
        await Factory.CreateUserAsync();
        using var browser = StudioBrowser.Open(Factory);
        var before = await DatabaseSnapshot.TakeAsync(Factory.DatabasePath);

        var response = await browser.SubmitFormAsync("/Account/Register", "register", Fields("Typo", $"typo-{Guid.NewGuid():N}@example.test", Password, Password + "x"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The two passwords differ.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory.DatabasePath));
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

    private static Dictionary<string, string> Fields(string name, string email, string password, string confirm) => new()
    {
        ["Input.DisplayName"] = name,
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = confirm,
    };
}
