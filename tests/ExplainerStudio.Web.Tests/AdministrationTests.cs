using System.Net;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Components.Account;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Tests;

/// <summary>The studio administrator (accounts, the data folder's totals) and sign-in answers that take the same work.</summary>
public sealed class AdministrationTests
{
    private const string Password = "administrator-pw-1";

    [Fact]
    public async Task TheFirstAccount_AdministersTheStudio_AndALaterOneDoesNot()
    {
        await using var factory = new StudioFactory(new Dictionary<string, string?>
        {
            ["Accounts:AllowRegistration"] = "true",
            ["Accounts:DemoProjectForNewAccounts"] = "false",
        });
        var first = await RegisterAsync(factory, "first@example.test");
        var second = await RegisterAsync(factory, "second@example.test");

        using var scope = factory.Services.CreateScope();
        var administrators = scope.ServiceProvider.GetRequiredService<StudioAdministrators>();
        Assert.True(await administrators.IsAdministratorAsync(first.Id));
        Assert.False(await administrators.IsAdministratorAsync(second.Id));
        var accounts = await administrators.ListAsync(first.Id);
        Assert.Equal(["first@example.test", "second@example.test"], accounts.Select(a => a.Email).Order());
        Assert.Equal([true, false], accounts.OrderBy(a => a.Email).Select(a => a.IsAdministrator));
        await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => administrators.ListAsync(second.Id));
        await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => administrators.GrantAsync(second.Id, second.Id));
    }

    [Fact]
    public async Task AnAdministrator_CanShareTheRole_ButTheLastOneCannotBeRemoved()
    {
        await using var factory = new StudioFactory(new Dictionary<string, string?> { ["Accounts:AllowRegistration"] = "true", ["Accounts:DemoProjectForNewAccounts"] = "false" });
        var first = await RegisterAsync(factory, "first@example.test");
        var second = await RegisterAsync(factory, "second@example.test");
        using var scope = factory.Services.CreateScope();
        var administrators = scope.ServiceProvider.GetRequiredService<StudioAdministrators>();

        var last = await Assert.ThrowsAsync<StudioInputException>(() => administrators.RevokeAsync(first.Id, first.Id));
        Assert.Contains("at least one administrator", last.Message, StringComparison.Ordinal);
        Assert.True(await administrators.IsAdministratorAsync(first.Id));

        await administrators.GrantAsync(first.Id, second.Id);
        await administrators.GrantAsync(first.Id, second.Id);
        Assert.Equal(2, await ClaimCountAsync(factory));
        await administrators.RevokeAsync(second.Id, first.Id);

        Assert.False(await administrators.IsAdministratorAsync(first.Id));
        Assert.True(await administrators.IsAdministratorAsync(second.Id));
        await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => administrators.GrantAsync(first.Id, first.Id));
        await Assert.ThrowsAsync<StudioInputException>(() => administrators.RevokeAsync(second.Id, second.Id));
        Assert.Equal(1, await ClaimCountAsync(factory));
    }

    [Fact]
    public async Task AStudioFromBeforeAdministrators_MakesTheOwnerOfItsOldestProjectOne()
    {
        await using var factory = new StudioFactory();
        var later = await factory.CreateUserAsync();
        var founder = await factory.CreateUserAsync();
        var storyboards = factory.Get<StoryboardService>();
        await storyboards.CreateProjectAsync(founder.Id, "The oldest", "");
        await storyboards.CreateProjectAsync(later.Id, "A newer one", "");
        using var scope = factory.Services.CreateScope();
        var administrators = scope.ServiceProvider.GetRequiredService<StudioAdministrators>();

        Assert.False(await administrators.IsAdministratorAsync(later.Id));
        Assert.True(await administrators.IsAdministratorAsync(founder.Id));
        Assert.Equal(1, await ClaimCountAsync(factory));
    }

    [Fact]
    public async Task TheAdministrationPage_ShowsTheDataFolderToAnAdministratorOnly()
    {
        await using var factory = new StudioFactory(new Dictionary<string, string?> { ["Accounts:AllowRegistration"] = "true", ["Accounts:DemoProjectForNewAccounts"] = "false" });
        var first = await RegisterAsync(factory, "first@example.test");
        var second = await RegisterAsync(factory, "second@example.test");

        using var administrator = await StudioBrowser.SignInAsync(factory, first.Email!, Password);
        using var other = await StudioBrowser.SignInAsync(factory, second.Email!, Password);
        var page = await administrator.Client.GetStringAsync("/admin");
        var refused = await other.Client.GetStringAsync("/admin");
        var home = await other.Client.GetStringAsync("/");

        Assert.Contains("data-testid=\"storage\"", page, StringComparison.Ordinal);
        Assert.Contains("data-email=\"second@example.test\" data-administrator=\"false\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.DataDirectory, page, StringComparison.Ordinal);
        Assert.Contains("Administration not available", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"storage\"", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("second@example.test\" data-administrator", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"admin\"", home, StringComparison.Ordinal);
        Assert.Contains("href=\"admin\"", await administrator.Client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    // Tests never time anything: what makes the answers take as long is that each runs one password hash, so that is
    // what is counted, on the studio's real hasher.
    [Fact]
    public async Task EverySignInFailure_CostsOnePasswordHash_SoItsSpeedDoesNotTellWhetherTheAccountExists()
    {
        CountingPasswordHasher? counting = null;
        await using var factory = new StudioFactory(
            new Dictionary<string, string?> { ["Accounts:MaxFailedSignIns"] = "2", ["Accounts:SignInAttemptsPerMinute"] = "100" },
            services: s => s.AddSingleton<IPasswordHasher<StudioUser>>(p => counting = new CountingPasswordHasher(p.GetRequiredService<IOptions<PasswordHasherOptions>>())));
        var user = await factory.CreateUserAsync("the-right-password");
        using var browser = StudioBrowser.Open(factory);
        var hasher = counting!;

        async Task<int> HashesForAsync(string email, string password)
        {
            var before = hasher.Verifications;
            var response = await browser.SubmitFormAsync("/Account/Login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(WebUtility.HtmlEncode(AccountMessages.SignInFailed), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            return hasher.Verifications - before;
        }

        Assert.Equal(1, await HashesForAsync("nobody@example.test", "some-password-1"));
        Assert.Equal(1, await HashesForAsync(user.Email!, "a-wrong-password-1"));
        Assert.Equal(1, await HashesForAsync(user.Email!, "a-wrong-password-2"));
        // Now locked: Identity refuses before it looks at the password; the decoy hash keeps the cost.
        Assert.Equal(1, await HashesForAsync(user.Email!, "the-right-password"));
    }

    private static async Task<StudioUser> RegisterAsync(StudioFactory factory, string email)
    {
        using var scope = factory.Services.CreateScope();
        var (user, errors) = await scope.ServiceProvider.GetRequiredService<AccountRegistration>().RegisterAsync(email.Split('@')[0], email, Password, invitation: null);
        Assert.Empty(errors);
        return user!;
    }

    private static async Task<int> ClaimCountAsync(StudioFactory factory)
    {
        await using var context = await factory.Get<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        return await context.UserClaims.CountAsync(c => c.ClaimType == StudioAdministrators.ClaimType);
    }

    private sealed class CountingPasswordHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<StudioUser>
    {
        private readonly PasswordHasher<StudioUser> _real = new(options);
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(StudioUser user, string password) => _real.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StudioUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
