using System.Reflection;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Media.Ffmpeg;

namespace ExplainerStudio.Web.Tests;

/// <summary>The dependency boundaries of ARCHITECTURE.md: the two libraries know nothing of the web host or each other.</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] HostPrefixes = ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Microsoft.Data.Sqlite", "MudBlazor"];

    [Fact]
    public void Generation_ReferencesNeitherWebHostNorDatabaseNorMedia()
    {
        var references = Referenced(typeof(OnnxRuntime).Assembly);

        Assert.DoesNotContain(references, name => HostPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.DoesNotContain("ExplainerStudio.Media", references);
        Assert.DoesNotContain("ExplainerStudio.Web", references);
    }

    [Fact]
    public void Media_ReferencesNeitherWebHostNorDatabaseNorGeneration()
    {
        var references = Referenced(typeof(FfmpegRunner).Assembly);

        Assert.DoesNotContain(references, name => HostPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.DoesNotContain("ExplainerStudio.Generation", references);
        Assert.DoesNotContain("ExplainerStudio.Web", references);
    }

    private static List<string> Referenced(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
}
