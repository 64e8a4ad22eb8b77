using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Packs.Architectures;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Generation.Tests.Runtime;

namespace ExplainerStudio.Generation.Tests.Packs.Architectures;

/// <summary>An SD 1.x architecture pack, generated into a temp folder and loaded once per test class.</summary>
public abstract class GeneratedSdArchitecturePack : IDisposable
{
    private readonly TempDirectory _folder = new();

    protected GeneratedSdArchitecturePack(SdArchitectureConfig config)
    {
        PackDirectory = _folder.File("sd-" + config.Name);
        SdArchitecturePackWriter.Write(config, PackDirectory);
        Runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu, IntraOpThreads = 1 });
        Loader = new ModelPackLoader(Runtime);
        Report = Loader.Inspect(PackDirectory);
    }

    public string PackDirectory { get; }

    public OnnxRuntime Runtime { get; }

    public ModelPackLoader Loader { get; }

    public ModelPackReport Report { get; }

    public ModelPack Pack => Report.Pack ?? throw new InvalidOperationException(Report.Summary);

    public ModelSession Session(string component) => Runtime.GetSession(Path.Combine(PackDirectory, component, "model.onnx"));

    public void Dispose()
    {
        Runtime.Dispose();
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
