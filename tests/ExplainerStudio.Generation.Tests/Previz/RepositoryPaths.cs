namespace ExplainerStudio.Generation.Tests.Previz;

internal static class RepositoryPaths
{
    /// <summary>The repository root: the nearest folder above the test binaries that holds ExplainerStudio.sln.</summary>
    public static string Root()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ExplainerStudio.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No ExplainerStudio.sln above {AppContext.BaseDirectory}; run the tests from the repository.");
    }

    public static string PrevizPack() => Path.Combine(Root(), "models", "previz");
}
