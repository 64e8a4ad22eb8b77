using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Web.Hosting;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// The studio's one ONNX Runtime and its model pack catalog. It starts in the background so the web host is up at
/// once; a runtime that cannot load (library missing, CUDA forced but absent) is reported, not fatal, so people can
/// still plan storyboards while the problem is fixed.
/// </summary>
public sealed class GenerationEngine(
    IOptions<OnnxRuntimeOptions> runtimeOptions,
    IOptions<ModelPackOptions> packOptions,
    StudioPaths paths,
    ILoggerFactory loggerFactory) : IDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<GenerationEngine>();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private OnnxRuntime? _runtime;
    private ModelPackCatalog? _catalog;

    public event Action? Changed;

    public GenerationEngineState State { get; private set; } = GenerationEngineState.Starting;

    /// <summary>Why the engine is unavailable, in words a user can act on; null while it works.</summary>
    public string? Error { get; private set; }

    public ExecutionProviderReport? Provider => _runtime?.ExecutionProvider;

    public ModelPackCatalog? Catalog => _catalog;

    public string ModelsDirectory => Path.GetFullPath(Path.Combine(paths.ContentRoot, packOptions.Value.ModelsDirectory));

    public Task WhenReadyAsync(CancellationToken cancellationToken = default) => _ready.Task.WaitAsync(cancellationToken);

    public OnnxRuntime Runtime => _runtime ?? throw new GenerationUnavailableException(
        Error ?? "The generation engine is still starting; try again in a moment.");

    public ModelPack GetPack(string id)
    {
        var catalog = _catalog ?? throw new GenerationUnavailableException(Error ?? "The generation engine is still starting.");
        var report = catalog.Reports.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase))
            ?? throw new GenerationUnavailableException($"There is no model pack '{id}' in {ModelsDirectory}. Choose one of: {string.Join(", ", catalog.Packs.Select(p => p.Id))}.");
        return report.Pack ?? throw new GenerationUnavailableException($"Model pack '{id}' cannot be used: {report.Summary}");
    }

    public void Start()
    {
        try
        {
            _runtime = new OnnxRuntime(runtimeOptions.Value, loggerFactory.CreateLogger<OnnxRuntime>());
            var provider = _runtime.ExecutionProvider;
            if (provider.IsFallback)
            {
                _logger.LogWarning("Generation runs on {Provider} instead of {Requested}: {Reason}", provider.ProviderName, provider.Requested, provider.Reason);
            }
            else
            {
                _logger.LogInformation("Generation runs on {Provider} (ONNX Runtime {Version})", provider.ProviderName, provider.RuntimeVersion);
            }

            Directory.CreateDirectory(ModelsDirectory);
            _catalog = new ModelPackLoader(_runtime, loggerFactory.CreateLogger<ModelPackLoader>()).LoadAll(ModelsDirectory);
            foreach (var report in _catalog.Reports)
            {
                if (report.IsUsable)
                {
                    _logger.LogInformation("Model pack {Pack}: {Summary}", report.Id, report.Summary);
                }
                else
                {
                    _logger.LogError("Model pack {Pack} is not usable: {Summary}", report.Id, report.Summary);
                }
            }
            State = GenerationEngineState.Ready;
        }
        catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or BadImageFormatException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Error = $"The generation engine could not start: {e.Message}";
            State = GenerationEngineState.Failed;
            _logger.LogError(e, "The generation engine could not start");
        }
        finally
        {
            _ready.TrySetResult();
            Changed?.Invoke();
        }
    }

    /// <summary>Reads the packs folder again (after a pull installed one), keeping the runtime and its provider.</summary>
    public void ReloadPacks()
    {
        var runtime = Runtime;
        _catalog = new ModelPackLoader(runtime, loggerFactory.CreateLogger<ModelPackLoader>()).LoadAll(ModelsDirectory);
        Changed?.Invoke();
    }

    public void Dispose() => _runtime?.Dispose();
}
