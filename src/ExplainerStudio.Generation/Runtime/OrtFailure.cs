using System.Text.RegularExpressions;
using Ort = Microsoft.ML.OnnxRuntime;

namespace ExplainerStudio.Generation.Runtime;

/// <summary>Turns the managed package's untyped exceptions into the studio's typed one.</summary>
internal static partial class OrtFailure
{
    /// <summary>
    /// The package puts ORT's error code in front of the message (<c>[ErrorCode:InvalidArgument] ...</c>), and
    /// provider errors carry ORT's source location as well; the user needs the code and the cause.
    /// </summary>
    public static (OrtErrorCode Code, string Message) Parse(string message)
    {
        Match match = ErrorCodePrefix().Match(message);
        OrtErrorCode code = OrtErrorCode.Fail;
        string rest = message;
        if (match.Success)
        {
            rest = message[match.Length..];
            if (Enum.TryParse(match.Groups[1].Value, ignoreCase: false, out OrtErrorCode parsed))
            {
                code = parsed;
            }
        }

        Match location = SourceLocation().Match(rest);
        if (location.Success)
        {
            rest = rest[(location.Index + location.Length)..];
        }

        return (code, rest.Trim());
    }

    public static OnnxRuntimeException From(Ort.OnnxRuntimeException error, string operation, string? modelPath)
    {
        (OrtErrorCode code, string message) = Parse(error.Message);
        return new OnnxRuntimeException(code, $"Could not {operation}: {message}", message, modelPath, error);
    }

    [GeneratedRegex(@"^\[ErrorCode:(\w+)\]\s*")]
    private static partial Regex ErrorCodePrefix();

    [GeneratedRegex(@"\[ONNXRuntimeError\] : \d+ : \w+ : ")]
    private static partial Regex SourceLocation();
}
