using System.Text.RegularExpressions;

namespace ExplainerStudio.Web.Components.Shared;

/// <summary>
/// Splits a failure message into what a user reads (its first line, with server paths replaced by "a studio file")
/// and the technical rest, shown only on request.
/// </summary>
public sealed partial record ErrorSummary(string Summary, string? Details)
{
    public static ErrorSummary From(string message)
    {
        var trimmed = message.Trim();
        var newline = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var first = newline < 0 ? trimmed : trimmed[..newline].TrimEnd();
        var summary = ServerPath().Replace(first, "a studio file");
        var hasMore = newline >= 0 || summary != first;
        return new ErrorSummary(summary, hasMore ? trimmed : null);
    }

    // Absolute paths (/tmp/x, /srv/studio/data/...) and Windows drive paths: they mean nothing to a user.
    [GeneratedRegex(@"(?<![\w.])(?:[A-Za-z]:\\|/)(?:[\w.\-+]+[/\\])+[\w.\-+]*")]
    private static partial Regex ServerPath();
}
