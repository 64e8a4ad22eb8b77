using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Components.Account;

/// <summary>
/// Who may create an account: the first person always (the studio's administrator); after that, whoever holds an open
/// invitation link, or anyone when Accounts:AllowRegistration is on.
/// </summary>
public sealed class AccountRegistration(
    UserManager<StudioUser> users,
    FirstRunState firstRun,
    InvitationService invitations,
    DemoProjectSeeder demoProject,
    StudioAdministrators administrators,
    IOptions<AccountOptions> options,
    ILogger<AccountRegistration> logger)
{
    public async Task<bool> IsOpenAsync(string? invitation, CancellationToken cancellationToken = default) =>
        await firstRun.NeedsFirstAccountAsync(cancellationToken)
        || options.Value.AllowRegistration
        || await invitations.IsOpenAsync(invitation, cancellationToken);

    /// <summary>Creates the account; the errors to show when it is refused (then nothing was created), else the new user.</summary>
    public async Task<(StudioUser? User, IReadOnlyList<string> Errors)> RegisterAsync(
        string displayName, string email, string password, string? invitation, CancellationToken cancellationToken = default)
    {
        var first = await firstRun.NeedsFirstAccountAsync(cancellationToken);
        var invited = !first && await invitations.IsOpenAsync(invitation, cancellationToken);
        if (!first && !invited && !options.Value.AllowRegistration)
        {
            return (null, [string.IsNullOrEmpty(invitation) ? AccountMessages.RegistrationClosed : AccountMessages.InvitationUsed]);
        }

        var user = new StudioUser { UserName = email.Trim(), Email = email.Trim(), DisplayName = displayName.Trim() };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return (null, [.. result.Errors.Select(e => e.Code is "DuplicateUserName" or "DuplicateEmail"
                ? "An account with that e-mail already exists. Sign in instead."
                : e.Description).Distinct()]);
        }
        if (invited && !await invitations.AcceptAsync(invitation!, user.Id, cancellationToken))
        {
            // Someone used the link between the check and now: the account must not exist without it.
            await users.DeleteAsync(user);
            return (null, [AccountMessages.InvitationUsed]);
        }

        if (first)
        {
            await administrators.GrantFirstAsync(user);
        }
        firstRun.AccountCreated();
        logger.LogInformation("Created account {Email}{How}", user.Email, first ? " (first account)" : invited ? " (invited)" : "");
        if (first || options.Value.DemoProjectForNewAccounts)
        {
            await demoProject.CreateAsync(user.Id);
        }
        return (user, []);
    }
}
