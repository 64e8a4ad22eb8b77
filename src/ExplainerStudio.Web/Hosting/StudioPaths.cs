using ExplainerStudio.Web.Data;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Hosting;

/// <summary>Resolved locations of everything the studio reads and writes.</summary>
public sealed class StudioPaths
{
    public StudioPaths(IHostEnvironment environment, IOptions<StudioDataOptions> options)
    {
        ContentRoot = environment.ContentRootPath;
        DataDirectory = Path.GetFullPath(Path.Combine(ContentRoot, options.Value.Directory));
        DatabasePath = Path.Combine(DataDirectory, options.Value.DatabaseFile);
    }

    public string ContentRoot { get; }
    public string DataDirectory { get; }
    public string DatabasePath { get; }
    public string ModelsDirectory => Path.Combine(ContentRoot, "models");
    public string TempDirectory => Path.Combine(DataDirectory, "tmp");
    public string LogDirectory => Path.Combine(DataDirectory, "logs");

    /// <summary>
    /// The repository root (or a published app folder): the nearest folder at or above the app's binaries holding
    /// both appsettings.json and wwwroot/. The design card fixes both at the root so that `dotnet run`, tests and a
    /// published build serve the same files.
    /// </summary>
    public static string FindContentRoot(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "appsettings.json"))
                && Directory.Exists(Path.Combine(directory.FullName, "wwwroot")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder at or above {startDirectory} holds appsettings.json and wwwroot/. Run the studio from its " +
            "repository (./studio.sh start) or a published folder, or pass --contentRoot.");
    }
}
