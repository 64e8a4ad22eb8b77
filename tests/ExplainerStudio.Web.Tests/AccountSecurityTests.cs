using System.Net;
using System.Net.Http.Json;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Components.Account;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExplainerStudio.Web.Tests;

public sealed class AccountSecurityTests
{
    private const string Password = "invited-person-pass";

    [Fact]
    public async Task AfterTheFirstAccount_RegistrationWithoutAnInvitation_IsRefusedAndCreatesNothing()
    {
        await using var factory = new StudioFactory(new Dictionary<string, string?> { ["Accounts:DemoProjectForNewAccounts"] = "false" });
        await factory.CreateUserAsync();
        using var browser = StudioBrowser.Open(factory);

        var page = await (await browser.Client.GetAsync("/Account/Register")).Content.ReadAsStringAsync();
        var (user, errors) = await RegisterAsync(factory, "stranger@example.test", Password, invitation: null);

        Assert.Contains(WebUtility.HtmlEncode(AccountMessages.RegistrationClosed), page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"_handler\" value=\"register\"", page, StringComparison.Ordinal);
        Assert.Null(user);
        Assert.Equal([AccountMessages.RegistrationClosed], errors);
        Assert.Equal(1, await UserCountAsync(factory));
    }

    [Fact]
    public async Task AnInvitedPerson_RegistersThroughTheLink_JoinsTheProject_AndTheLinkWorksOnce()
    {
        await using var factory = new StudioFactory(new Dictionary<string, string?> { ["Accounts:DemoProjectForNewAccounts"] = "false" });
        var owner = await factory.CreateUserAsync();
        var projectId = await factory.Get<StoryboardService>().CreateProjectAsync(owner.Id, "Invited into", "");
        var invitation = await factory.Get<InvitationService>().CreateAsync(projectId, ProjectRole.Editor, owner.Id);
        using var browser = StudioBrowser.Open(factory);

        var response = await browser.SubmitFormAsync(invitation.Link, "register", new()
        {
            ["Input.DisplayName"] = "Invited",
            ["Input.Email"] = "invited@example.test",
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var context = await factory.Get<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        var invited = await context.Users.SingleAsync(u => u.Email == "invited@example.test");
        var member = await context.ProjectMembers.SingleAsync(m => m.UserId == invited.Id);
        Assert.Equal((projectId, ProjectRole.Editor), (member.ProjectId, member.Role));
        var again = await RegisterAsync(factory, "second@example.test", Password, invitation.Link.Split("invite=")[1]);
        Assert.Null(again.User);
        Assert.Equal([AccountMessages.InvitationUsed], again.Errors);
        using var secondBrowser = StudioBrowser.Open(factory);
        var page = await (await secondBrowser.Client.GetAsync(invitation.Link)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("name=\"_handler\" value=\"register\"", page, StringComparison.Ordinal);
        Assert.Equal(2, await UserCountAsync(factory));
    }

    [Fact]
    public async Task OnlyAnOwner_CanInvite()
    {
        await using var factory = new StudioFactory();
        var owner = await factory.CreateUserAsync();
        var editor = await factory.CreateUserAsync();
        var projectId = await factory.Get<StoryboardService>().CreateProjectAsync(owner.Id, "Owned", "");
        await factory.Get<MembershipService>().AddAsync(projectId, owner.Id, editor.Email!, ProjectRole.Editor);

        await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => factory.Get<InvitationService>().CreateAsync(projectId, ProjectRole.Owner, editor.Id));
    }

    [Fact]
    public async Task OpenRegistration_IsASetting()
    {
        await using var factory = new StudioFactory(new Dictionary<string, string?>
        {
            ["Accounts:AllowRegistration"] = "true",
            ["Accounts:DemoProjectForNewAccounts"] = "false",
        });
        await factory.CreateUserAsync();

        var (user, errors) = await RegisterAsync(factory, "walk-in@example.test", Password, invitation: null);

        Assert.Empty(errors);
        Assert.NotNull(user);
    }

    [Theory]
    [InlineData(11, PasswordRules.TooShortMessage)]
    [InlineData(1, PasswordRules.TooShortMessage)]
    [InlineData(129, PasswordRules.TooLongMessage)]
    [InlineData(300, PasswordRules.TooLongMessage)]
    public async Task PasswordOfTheWrongLength_IsRefusedWithTheRuleForThatLength(int length, string message)
    {
        await using var factory = new StudioFactory(new Dictionary<string, string?> { ["Accounts:AllowRegistration"] = "true" });
        var password = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i * 7 % 26))));
        using var browser = StudioBrowser.Open(factory);

        var response = await browser.SubmitFormAsync("/Account/Register", "register", new()
        {
            ["Input.DisplayName"] = "Someone",
            ["Input.Email"] = "someone@example.test",
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        var (user, errors) = await RegisterAsync(factory, "service@example.test", password, invitation: null);

        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, page, StringComparison.Ordinal);
        Assert.DoesNotContain(message == PasswordRules.TooShortMessage ? PasswordRules.TooLongMessage : PasswordRules.TooShortMessage, page, StringComparison.Ordinal);
        Assert.Null(user);
        Assert.Equal([message], errors);
        Assert.Equal(0, await UserCountAsync(factory));
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("Password12345")]
    [InlineData("qwertyuiop123")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("123456789012")]
    public async Task CommonPassword_IsRefused(string password)
    {
        await using var factory = new StudioFactory(new Dictionary<string, string?> { ["Accounts:AllowRegistration"] = "true" });

        var (user, errors) = await RegisterAsync(factory, "common@example.test", password, invitation: null);

        Assert.Null(user);
        Assert.Equal([PasswordRules.CommonMessage], errors);
    }

    [Fact]
    public async Task TwelveCharactersThatAreNotCommon_AreEnough()
    {
        await using var factory = new StudioFactory(new Dictionary<string, string?> { ["Accounts:DemoProjectForNewAccounts"] = "false" });

        var (user, errors) = await RegisterAsync(factory, "first@example.test", "lantern-moss", invitation: null);

        Assert.Empty(errors);
        Assert.NotNull(user);
    }

    [Fact]
    public async Task SignInPosts_AreRateLimitedPerClient()
    {
        await using var factory = new StudioFactory(new Dictionary<string, string?> { ["Accounts:SignInAttemptsPerMinute"] = "3" });
        var user = await factory.CreateUserAsync("the-right-password");
        using var browser = StudioBrowser.Open(factory);
        var statuses = new List<HttpStatusCode>();

        for (var attempt = 0; attempt < 4; attempt++)
        {
            var response = await browser.SubmitFormAsync("/Account/Login", "login", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = "a-wrong-password-" + attempt });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(AccountMessages.TooManyAttempts, await response.Content.ReadAsStringAsync());
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var scope = factory.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<UserManager<StudioUser>>().FindByIdAsync(user.Id);
        Assert.Equal(3, stored!.AccessFailedCount);
    }

    [Fact]
    public async Task InvitationEndpoint_GivesTheOwnerALink()
    {
        await using var factory = new StudioFactory(new Dictionary<string, string?> { ["Accounts:DemoProjectForNewAccounts"] = "false" });
        var owner = await factory.CreateUserAsync("owner-password-long");
        var projectId = await factory.Get<StoryboardService>().CreateProjectAsync(owner.Id, "Via the API", "");
        using var browser = await StudioBrowser.SignInAsync(factory, owner.Email!, "owner-password-long");

        var response = await browser.Client.PostAsJsonAsync($"/api/projects/{projectId}/invitations", new { role = (int)ProjectRole.Reviewer });
        var created = await response.Content.ReadFromJsonAsync<CreatedInvitation>();
        var listed = await browser.Client.GetFromJsonAsync<List<InvitationView>>($"/api/projects/{projectId}/invitations");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("/Account/Register?invite=", created!.Link, StringComparison.Ordinal);
        Assert.True(await factory.Get<InvitationService>().IsOpenAsync(created.Link.Split("invite=")[1]));
        Assert.Equal("Open", Assert.Single(listed!).State);
    }

    private static async Task<(StudioUser? User, IReadOnlyList<string> Errors)> RegisterAsync(StudioFactory factory, string email, string password, string? invitation)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AccountRegistration>().RegisterAsync("Someone", email, password, invitation);
    }

    private static async Task<int> UserCountAsync(StudioFactory factory)
    {
        await using var context = await factory.Get<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        return await context.Users.CountAsync();
    }
}
