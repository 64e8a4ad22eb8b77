using System.Reflection;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Media.Ffmpeg;

namespace ExplainerStudio.Web.Tests;

/// <summary>
/// The dependency boundaries of ARCHITECTURE.md: the two libraries know nothing of the web host or each other, and both
/// share the one picture type of ExplainerStudio.Imaging, which itself depends on no other studio assembly or package.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly string[] HostPrefixes = ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Microsoft.Data.Sqlite", "MudBlazor"];

    [Fact]
    public void Generation_ReferencesImagingButNeitherWebHostNorDatabaseNorMedia()
    {
        var references = Referenced(typeof(OnnxRuntime).Assembly);

        Assert.DoesNotContain(references, name => HostPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Equal(["ExplainerStudio.Imaging"], Studio(references));
    }

    [Fact]
    public void Media_ReferencesImagingButNeitherWebHostNorDatabaseNorGeneration()
    {
        var references = Referenced(typeof(FfmpegRunner).Assembly);

        Assert.DoesNotContain(references, name => HostPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Equal(["ExplainerStudio.Imaging"], Studio(references));
    }

    [Fact]
    public void Imaging_ReferencesOnlyTheFramework()
    {
        var references = Referenced(typeof(RgbImage).Assembly);

        Assert.Empty(Studio(references));
        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal), $"Imaging references {name}."));
    }

    [Fact]
    public void RgbImage_IsTheOnlyPictureTypeAcrossTheStudioAssemblies()
    {
        Assembly[] studio = [typeof(OnnxRuntime).Assembly, typeof(FfmpegRunner).Assembly, typeof(Program).Assembly, typeof(RgbImage).Assembly];

        var pictures = studio.SelectMany(a => a.GetTypes()).Where(t => t.Name.StartsWith("Rgb", StringComparison.Ordinal) && t.Name.EndsWith("Image", StringComparison.Ordinal));

        Assert.Equal([typeof(RgbImage)], pictures);
    }

    private static List<string> Referenced(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

    private static List<string> Studio(IEnumerable<string> references) =>
        references.Where(name => name.StartsWith("ExplainerStudio.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
}
