using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Previz;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Generation.Tests.Runtime;

namespace ExplainerStudio.Generation.Tests.Pipelines;

/// <summary>The previz pack as its generator writes it (byte-identical to models/previz), loaded once per test class.</summary>
public sealed class GeneratedPrevizPack : IDisposable
{
    private readonly TempDirectory _folder = new();

    public GeneratedPrevizPack()
    {
        PackDirectory = _folder.File(PrevizPackWriter.PackName);
        PrevizPackWriter.Write(PackDirectory);
        Runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu, IntraOpThreads = 1 });
        Loader = new ModelPackLoader(Runtime);
        ModelPackReport report = Loader.Inspect(PackDirectory);
        Pack = report.Pack ?? throw new InvalidOperationException(report.Summary);
    }

    public string PackDirectory { get; }

    public OnnxRuntime Runtime { get; }

    public ModelPackLoader Loader { get; }

    public ModelPack Pack { get; }

    public string Scratch(string name) => _folder.File(name);

    public void Dispose()
    {
        Runtime.Dispose();
        _folder.Dispose();
    }
}
