namespace ExplainerStudio.Media.Ffmpeg;

/// <summary>
/// ffmpeg or ffprobe ran and exited with a non-zero code. Carries the exit code, the exact command line and
/// the tool's last stderr lines; the full stderr is in the job's log when it has one.
/// </summary>
public sealed class FfmpegException : MediaException
{
    /// <summary>Creates the exception for a failed run.</summary>
    /// <param name="tool">The tool's name: <c>ffmpeg</c> or <c>ffprobe</c>.</param>
    /// <param name="exitCode">The process exit code.</param>
    /// <param name="commandLine">The command line, quoted as a POSIX shell would need it.</param>
    /// <param name="standardErrorTail">The last lines the tool wrote to stderr.</param>
    /// <param name="logPath">The job's log file, when one was written.</param>
    public FfmpegException(string tool, int exitCode, string commandLine, IReadOnlyList<string> standardErrorTail, string? logPath)
        : base(BuildMessage(tool, exitCode, standardErrorTail, logPath))
    {
        Tool = tool;
        ExitCode = exitCode;
        CommandLine = commandLine;
        StandardErrorTail = standardErrorTail;
        LogPath = logPath;
    }

    /// <summary>The tool that failed: <c>ffmpeg</c> or <c>ffprobe</c>.</summary>
    public string Tool { get; }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; }

    /// <summary>The exact command line, quoted as a POSIX shell would need it.</summary>
    public string CommandLine { get; }

    /// <summary>The last lines the tool wrote to stderr, oldest first.</summary>
    public IReadOnlyList<string> StandardErrorTail { get; }

    /// <summary>The job's log file with the full stderr, or null when none was written.</summary>
    public string? LogPath { get; }

    private static string BuildMessage(string tool, int exitCode, IReadOnlyList<string> tail, string? logPath)
    {
        string reason = tail.Count == 0 ? "it wrote no error message" : string.Join(" | ", tail.TakeLast(3));
        string log = logPath is null ? string.Empty : $" The full output is in {logPath}.";
        return $"{tool} failed with exit code {exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {reason}.{log}";
    }
}
