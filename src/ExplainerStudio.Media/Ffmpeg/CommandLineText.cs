using System.Text;
using System.Text.RegularExpressions;

namespace ExplainerStudio.Media.Ffmpeg;

/// <summary>
/// Renders an argument list as one POSIX shell line for logs and errors, so that a logged command can be
/// pasted into a terminal as it ran. It is never used to start a process.
/// </summary>
internal static partial class CommandLineText
{
    public static string Format(string executable, IEnumerable<string> arguments)
    {
        var builder = new StringBuilder(Quote(executable));
        foreach (string argument in arguments)
        {
            builder.Append(' ').Append(Quote(argument));
        }

        return builder.ToString();
    }

    private static string Quote(string argument)
    {
        if (argument.Length > 0 && SafeArgument().IsMatch(argument))
        {
            return argument;
        }

        return "'" + argument.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
    }

    [GeneratedRegex(@"^[A-Za-z0-9_\-+=:,./@%^]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeArgument();
}
