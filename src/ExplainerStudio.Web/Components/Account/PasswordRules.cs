namespace ExplainerStudio.Web.Components.Account;

/// <summary>
/// The password rules, in one place for Identity, the form's validation and the words on the page: long enough and
/// not a well-known password. No composition rules (a digit, a capital): they make passwords harder to remember,
/// not to guess.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;
    public const string Summary = "at least 12 characters, not a common password";
    public const string TooShortMessage = "Use at least 12 characters for the password.";
    public const string TooLongMessage = "Use at most 128 characters for the password.";
    public const string CommonMessage = "That password is one of the most common ones; choose one nobody would guess.";
}
