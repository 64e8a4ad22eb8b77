using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Generation.Tests.Pipelines;
using ExplainerStudio.Generation.Tests.Previz;

namespace ExplainerStudio.Generation.Tests.Packs;

/// <summary>The repository's own models folder, as the studio loads it at start-up.</summary>
public sealed class CommittedPacksTests : IClassFixture<GeneratedPrevizPack>
{
    private readonly GeneratedPrevizPack _generated;

    public CommittedPacksTests(GeneratedPrevizPack generated)
    {
        _generated = generated;
    }

    [Fact]
    public void ModelsFolder_LoadsThePrevizPackWithoutProblems()
    {
        using var runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu, IntraOpThreads = 1 });

        ModelPackCatalog catalog = new ModelPackLoader(runtime).LoadAll(Path.Combine(RepositoryPaths.Root(), "models"));

        ModelPackReport report = Assert.Single(catalog.Reports, r => r.Id == "previz");
        Assert.Empty(report.Problems);
        Assert.Empty(report.Notes);
        ModelPack pack = catalog.Get("previz");
        Assert.Equal(ModelPackKind.Previz, pack.Kind);
        Assert.Equal(_generated.Pack.TextHiddenSize, pack.TextHiddenSize);
        Assert.Equal(_generated.Pack.ImageEncoder!.TokensPerImage, pack.ImageEncoder!.TokensPerImage);
    }
}
