using Microsoft.AspNetCore.Identity;

namespace ExplainerStudio.Web.Components.Account;

/// <summary>Identity's password messages in the studio's words, naming the configured rule.</summary>
public sealed class StudioIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new()
    {
        Code = nameof(PasswordTooShort),
        Description = $"Use at least {length} characters for the password.",
    };
}
