namespace ExplainerStudio.Generation.Packs.Download;

/// <summary>Where a pull installs and where it downloads from.</summary>
public sealed class PackDownloadOptions
{
    /// <summary>The Hugging Face hub.</summary>
    public static readonly Uri DefaultHub = new("https://huggingface.co/");

    /// <summary>The models folder packs are installed into (models/NAME, staged in models/.pull-NAME).</summary>
    public required string ModelsDirectory { get; init; }

    /// <summary>The hub files are resolved on as {hub}/{repository}/resolve/{revision}/{path}.</summary>
    public Uri HubBaseUrl { get; init; } = DefaultHub;

    /// <summary>When set, the pack's root folder URL: files are fetched from {source}/{path} instead of the hub (a mirror, a local server).</summary>
    public Uri? Source { get; init; }

    /// <summary>Replace an existing models/NAME once the new copy is complete and verified (it is never touched otherwise).</summary>
    public bool Replace { get; init; }

    /// <summary>Free bytes on the drive holding a folder; the default asks the file system.</summary>
    public Func<string, long> FreeSpaceProbe { get; init; } = directory => new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace;

    /// <summary>Called as bytes arrive (at most a few times a second) and when each file completes.</summary>
    public Action<PackDownloadProgress>? Progress { get; init; }

    /// <summary>How long a request may wait for a server's answer before the pull stops.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times one pull tries a file whose connection drops part-way, each try resuming where the last stopped.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Throws with an actionable message when an option cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelsDirectory))
        {
            throw new ArgumentException("The models folder to pull into is not set.", nameof(ModelsDirectory));
        }

        foreach (Uri? url in new[] { HubBaseUrl, Source })
        {
            if (url is not null && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
            {
                throw new ArgumentException($"'{url}' is not an http:// or https:// URL; pass the pack's root folder URL, e.g. http://127.0.0.1:8000/previz/.");
            }
        }

        if (Attempts < 1)
        {
            throw new ArgumentException($"Attempts must be at least 1, not {Attempts}.", nameof(Attempts));
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("The request timeout must be positive.", nameof(RequestTimeout));
        }
    }
}
