namespace ExplainerStudio.Media.Ffmpeg;

/// <summary>
/// ffmpeg or ffprobe could not be found or started. The message says how to install it or where to configure
/// its path.
/// </summary>
public sealed class FfmpegNotFoundException : MediaException
{
    /// <summary>Creates the exception for a tool that could not be found or started.</summary>
    /// <param name="tool">The tool's name: <c>ffmpeg</c> or <c>ffprobe</c>.</param>
    /// <param name="configuredPath">The path or bare name the options gave for it.</param>
    /// <param name="optionName">The configuration key that sets the path, for the message.</param>
    /// <param name="innerException">The start failure, when there was one.</param>
    public FfmpegNotFoundException(string tool, string configuredPath, string optionName, Exception? innerException = null)
        : base(BuildMessage(tool, configuredPath, optionName), innerException)
    {
        Tool = tool;
        ConfiguredPath = configuredPath;
    }

    /// <summary>The tool that is missing: <c>ffmpeg</c> or <c>ffprobe</c>.</summary>
    public string Tool { get; }

    /// <summary>The path or bare name that was tried.</summary>
    public string ConfiguredPath { get; }

    private static string BuildMessage(string tool, string configuredPath, string optionName)
    {
        string where = configuredPath.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? $"at '{configuredPath}'"
            : $"as '{configuredPath}' on PATH";
        return $"{tool} was not found {where} or could not be started. Install it with `sudo apt-get install ffmpeg` " +
            $"(the package provides both ffmpeg and ffprobe), or set {MediaOptions.SectionName}:{optionName} to the " +
            $"{tool} executable.";
    }
}
