namespace ExplainerStudio.Media.Ffmpeg;

/// <summary>
/// Finds ffmpeg and ffprobe before a run, so that a missing tool is reported as such and not as a cryptic
/// start failure.
/// </summary>
internal static class ExecutableLocator
{
    /// <summary>Returns the full path of the configured executable, or null when it cannot be found.</summary>
    public static string? Find(string configured)
    {
        if (configured.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || configured.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal))
        {
            string full = Path.GetFullPath(configured);
            return File.Exists(full) ? full : null;
        }

        string? searchPath = Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(searchPath))
        {
            return null;
        }

        foreach (string folder in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, configured);
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }

            if (OperatingSystem.IsWindows() && File.Exists(candidate + ".exe"))
            {
                return Path.GetFullPath(candidate + ".exe");
            }
        }

        return null;
    }
}
