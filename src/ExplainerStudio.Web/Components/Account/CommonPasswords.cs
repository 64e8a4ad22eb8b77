namespace ExplainerStudio.Web.Components.Account;

/// <summary>
/// Passwords of 12 characters or more that show up first in every list of leaked passwords, and the patterns that
/// make them (a word or run of keys repeated or padded with digits). Compared case-insensitively, ignoring spaces.
/// </summary>
public static class CommonPasswords
{
    private static readonly HashSet<string> s_known = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456789012", "1234567890123", "12345678901234", "123456789123", "1234567891011", "123123123123",
        "111111111111", "000000000000", "121212121212", "987654321098", "qwertyuiopas", "qwertyuiop123",
        "qwerty123456", "qwertyqwerty", "1q2w3e4r5t6y", "1qaz2wsx3edc", "qazwsxedcrfv", "asdfghjkl123",
        "zxcvbnm12345", "password1234", "password12345", "password123456", "passwordpassword", "password123!",
        "password@123", "p@ssw0rd1234", "passw0rd1234", "iloveyou1234", "iloveyouiloveyou", "letmein12345",
        "welcome12345", "welcome123456", "administrator", "administrator1", "admin1234567", "adminadmin123",
        "changeme1234", "trustno11234", "monkey123456", "dragon123456", "football1234", "baseball1234",
        "superman1234", "princess1234", "sunshine1234", "starwars1234", "whatever1234", "qwerty1234567",
        "abcdefghijkl", "abcdefgh1234", "abc123456789", "abcabcabcabc", "aaaaaaaaaaaa", "michael12345",
        "computer1234", "internet1234", "explainerstudio", "explainer123", "studio123456", "correcthorsebatterystaple",
    };

    public static bool Contains(string password)
    {
        var compact = string.Concat(password.Where(c => !char.IsWhiteSpace(c)));
        if (s_known.Contains(compact) || compact.Distinct().Count() <= 2)
        {
            return true;
        }
        // "passwordpassword1", "qwerty!!!!!!": a known stem with only digits or punctuation around it.
        var stem = compact.Trim("0123456789!@#$%^&*.?-_".ToCharArray());
        return stem.Length < compact.Length && (stem.Length < 4 || s_known.Contains(stem) || s_known.Any(k => k.StartsWith(stem, StringComparison.OrdinalIgnoreCase) && stem.Length >= 8));
    }
}
