namespace ExplainerStudio.Web.Components.Account;

/// <summary>What the account pages say. One message for every failed sign-in, so that none tells whether an account exists.</summary>
public static class AccountMessages
{
    public const string SignInFailed =
        "That e-mail and password do not match an account, or sign-in is paused for a few minutes after too many failed attempts.";

    public const string TooManyAttempts = "Too many attempts from this address. Wait a minute and try again.";

    public const string RegistrationClosed =
        "Registration on this studio is by invitation. Ask a project owner for an invitation link.";

    public const string InvitationUsed = "That invitation has already been used, has expired or was withdrawn. Ask the project owner for a new one.";
}
