using ExplainerStudio.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace ExplainerStudio.Web.Components.Account;

/// <summary>Refuses passwords that are too long or well known; Identity itself checks the minimum length.</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<StudioUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<StudioUser> manager, StudioUser user, string? password)
    {
        // A too-short password gets only the length rule, not a second message about the same password.
        if (password is null || password.Length < PasswordRules.MinimumLength)
        {
            return Task.FromResult(IdentityResult.Success);
        }
        if (password.Length > PasswordRules.MaximumLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = PasswordRules.TooLongMessage }));
        }
        var local = user.Email?.Split('@')[0];
        if (CommonPasswords.Contains(password) || (local is { Length: >= 4 } && password.Contains(local, StringComparison.OrdinalIgnoreCase) && password.Length - local.Length < 6))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordCommon", Description = PasswordRules.CommonMessage }));
        }
        return Task.FromResult(IdentityResult.Success);
    }
}
