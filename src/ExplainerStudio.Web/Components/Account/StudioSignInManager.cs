using ExplainerStudio.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Components.Account;

/// <summary>
/// Reports a locked-out account as an ordinary failed sign-in: "this account is locked" would tell anyone trying
/// addresses that the account exists. Lockout itself still applies (the right password fails until it ends).
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
    public override async Task<SignInResult> PasswordSignInAsync(StudioUser user, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var result = await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        return result.IsLockedOut ? SignInResult.Failed : result;
    }
}
