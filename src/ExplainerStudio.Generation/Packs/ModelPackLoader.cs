using ExplainerStudio.Generation.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExplainerStudio.Generation.Packs;

/// <summary>
/// Finds and validates model packs. Inspecting a pack loads its graphs into the runtime (they stay cached for
/// rendering; a pack with problems has its sessions unloaded again). Pack problems never throw: they are reported.
/// </summary>
public sealed partial class ModelPackLoader
{
    private readonly OnnxRuntime _runtime;
    private readonly ILogger _logger;

    /// <summary>Creates a loader that inspects graphs with <paramref name="runtime"/>.</summary>
    public ModelPackLoader(OnnxRuntime runtime, ILogger<ModelPackLoader>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _runtime = runtime;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Inspects every sub-folder of <paramref name="modelsDirectory"/> (hidden folders are skipped) as a pack.</summary>
    public ModelPackCatalog LoadAll(string modelsDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelsDirectory);
        string directory = Path.GetFullPath(modelsDirectory);
        if (!Directory.Exists(directory))
        {
            LogMissingDirectory(_logger, directory);
            return new ModelPackCatalog(directory, []);
        }

        var reports = Directory.EnumerateDirectories(directory)
            .Where(d => !Path.GetFileName(d).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(Inspect)
            .ToList();
        return new ModelPackCatalog(directory, reports);
    }

    /// <summary>Inspects one pack folder and reports what is wrong with it, or returns the loaded pack.</summary>
    public ModelPackReport Inspect(string packDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(packDirectory);
        ModelPackReport report = new PackInspection(_runtime, packDirectory).Run();
        if (report.IsUsable)
        {
            LogPackLoaded(_logger, report.Summary);
        }
        else
        {
            LogPackRejected(_logger, report.Summary);
        }

        return report;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The models folder {Directory} does not exist; no model packs are available")]
    private static partial void LogMissingDirectory(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Summary}")]
    private static partial void LogPackLoaded(ILogger logger, string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Summary}")]
    private static partial void LogPackRejected(ILogger logger, string summary);
}
