using System.Text.RegularExpressions;

namespace ExplainerStudio.Media.Ffmpeg;

/// <summary>
/// Keeps ffmpeg's inputs to files on this machine: URLs and protocol prefixes are refused before they reach
/// the process, and every path is made absolute so that ffmpeg never reads a prefix as a protocol name.
/// </summary>
internal static partial class LocalMediaPath
{
    /// <summary>Returns the absolute form of a local path, or throws when the text is a URL or empty.</summary>
    public static string Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new MediaInputException("A media input path is empty; give the path of a local file.");
        }

        // Two or more letters before a colon is a protocol ("http:", "file:", "concat:"); one is a Windows drive.
        if (ProtocolPrefix().IsMatch(path))
        {
            throw new MediaInputException(
                $"'{path}' is a URL; only local files can be used as media inputs. Download it and give the local path.");
        }

        return Path.GetFullPath(path);
    }

    /// <summary>Throws unless the absolute path names an existing regular file.</summary>
    public static void EnsureFileExists(string fullPath)
    {
        if (Directory.Exists(fullPath))
        {
            throw new MediaInputException($"Media input '{fullPath}' is a folder, not a file.");
        }

        if (!File.Exists(fullPath))
        {
            throw new MediaInputException($"Media input '{fullPath}' does not exist. Check the path, or that the file was not moved or deleted.");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]+:", RegexOptions.CultureInvariant)]
    private static partial Regex ProtocolPrefix();
}
