using ExplainerStudio.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Components.Account;

/// <summary>
/// Reports a locked-out account as an ordinary failed sign-in: "this account is locked" would tell anyone trying
/// addresses that the account exists. Lockout itself still applies (the right password fails until it ends).
/// Unknown addresses and locked accounts also cost one password hash, like a wrong password does: answered at once,
/// they would tell the same by their speed (a hash at the studio's iteration count takes a noticeable fraction of a
/// second).
/// </summary>
public sealed class StudioSignInManager(
    UserManager<StudioUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StudioUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<StudioUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StudioUser> confirmation)
    : SignInManager<StudioUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly StudioUser Decoy = new() { UserName = "decoy", DisplayName = "decoy" };
    private static string? s_decoyHash;

    /// <summary>Signs in by e-mail; every failure reads the same and takes about as long.</summary>
    public async Task<SignInResult> PasswordSignInByEmailAsync(string email, string password, bool isPersistent)
    {
        var user = await UserManager.FindByEmailAsync(email);
        if (user is null)
        {
            SpendOneHash(password);
            return SignInResult.Failed;
        }
        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: true);
    }

    public override async Task<SignInResult> PasswordSignInAsync(StudioUser user, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var lockedBefore = UserManager.SupportsUserLockout && await UserManager.IsLockedOutAsync(user);
        var result = await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        if (result.IsLockedOut)
        {
            // Identity refuses an account that was already locked before it looks at the password; the attempt that
            // locks it has checked the password already.
            if (lockedBefore)
            {
                SpendOneHash(password);
            }
            return SignInResult.Failed;
        }
        return result;
    }

    private void SpendOneHash(string password)
    {
        // Made with the configured hasher, so it costs what a real account's check costs.
        var hash = s_decoyHash ??= UserManager.PasswordHasher.HashPassword(Decoy, Guid.NewGuid().ToString("N"));
        UserManager.PasswordHasher.VerifyHashedPassword(Decoy, hash, password);
    }
}
