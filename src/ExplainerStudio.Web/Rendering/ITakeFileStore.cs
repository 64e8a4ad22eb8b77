namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// Where take files (keyframe PNGs, clip MP4s) live, shared by every web node and worker. Keys are the paths take rows
/// record ("takes/ab/abcd….png", content-addressed); a key becomes visible only complete, so a writer that dies midway
/// leaves nothing under it. The default is a folder (a local disk, or a network share mounted on every machine);
/// object storage fits the same five operations.
/// </summary>
public interface ITakeFileStore
{
    /// <summary>Where the store is, for logs and messages.</summary>
    string Location { get; }

    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, visible only once complete; replaces what was there.</summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <exception cref="Storyboards.NotFoundException">Nothing is stored under the key.</exception>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes the key's file; nothing happens when there is none.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// A local file with the key's bytes, for readers that need a path (ffmpeg, the image decoder, ranged HTTP
    /// responses). A folder store answers its own file; a remote store would fetch into a local cache.
    /// </summary>
    /// <exception cref="Storyboards.NotFoundException">Nothing is stored under the key.</exception>
    Task<string> GetLocalPathAsync(string key, CancellationToken cancellationToken = default);
}
