using System.Collections.Concurrent;
using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Packs.Download;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// Pulls published packs (models/catalogue.json) for the Model packs page with the same <see cref="PackDownloader"/>
/// that `./studio.sh pack pull` uses: resumable, checksummed, with a disk-space check. One pull per pack at a time;
/// pulls outlive the page that started them, and a finished pull reloads the engine's packs so it shows at once.
/// </summary>
public sealed class PackPullService(GenerationEngine engine, IOptions<ModelPackOptions> options, ILogger<PackPullService> logger)
{
    private readonly ConcurrentDictionary<string, PackPullState> _pulls = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Raised (on the pull's thread) whenever a pull's state changes.</summary>
    public event Action? Changed;

    public string CataloguePath => Path.Combine(engine.ModelsDirectory, "catalogue.json");

    public PackCatalogue LoadCatalogue() => PackCatalogue.Load(CataloguePath);

    public PackPullState? State(string name) => _pulls.TryGetValue(name, out var state) ? state : null;

    /// <summary>Starts pulling <paramref name="name"/> in the background; false when that pack is already being pulled.</summary>
    /// <exception cref="PackDownloadException">The catalogue has no such pack.</exception>
    public bool Start(string name)
    {
        PublishedPack pack = LoadCatalogue().Find(name);
        lock (_pulls)
        {
            if (_pulls.TryGetValue(pack.Name, out var current) && current.Running)
            {
                return false;
            }

            _pulls[pack.Name] = new PackPullState(pack.Name, Running: true, Progress: null, Error: null, Summary: null);
        }

        Changed?.Invoke();
        _ = Task.Run(() => PullAsync(pack));
        return true;
    }

    private async Task PullAsync(PublishedPack pack)
    {
        try
        {
            var downloadOptions = new PackDownloadOptions
            {
                ModelsDirectory = engine.ModelsDirectory,
                HubBaseUrl = new Uri(options.Value.PackHubUrl),
                Progress = p => Set(pack.Name, s => s with { Progress = p }),
            };
            using var downloader = new PackDownloader(downloadOptions, new ModelPackLoader(engine.Runtime));
            PackPullResult result = await downloader.PullAsync(pack).ConfigureAwait(false);
            engine.ReloadPacks();
            Set(pack.Name, s => s with { Running = false, Summary = result.Report.Summary });
            logger.LogInformation("Pulled model pack {Pack} into {Directory}: {Summary}", pack.Name, result.Directory, result.Report.Summary);
        }
        catch (Exception e) when (e is PackDownloadException or GenerationUnavailableException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            logger.LogWarning(e, "Pulling model pack {Pack} failed", pack.Name);
            Set(pack.Name, s => s with { Running = false, Error = e.Message });
        }
    }

    private void Set(string name, Func<PackPullState, PackPullState> change)
    {
        _pulls.AddOrUpdate(name, _ => change(new PackPullState(name, true, null, null, null)), (_, s) => change(s));
        Changed?.Invoke();
    }
}
