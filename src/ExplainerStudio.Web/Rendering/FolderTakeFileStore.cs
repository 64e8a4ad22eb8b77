using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Storyboards;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// The take store as a folder: a key is a path below <see cref="Root"/>. A put writes a hidden temporary file in the
/// key's own folder (same file system, so the final rename is atomic even on a network share) and renames it over the
/// key, so readers on any node see the old file, the complete new one or nothing, never a partial one. A temporary file
/// a killed writer left behind belongs to no row and goes with the orphan sweep.
/// </summary>
public sealed class FolderTakeFileStore : ITakeFileStore
{
    /// <summary>The prefix of temporary files; no key's file name starts with it.</summary>
    public const string PartialPrefix = ".partial-";

    public FolderTakeFileStore(StudioPaths paths, IOptions<TakeStoreOptions> options)
    {
        var configured = options.Value.Directory;
        Root = string.IsNullOrWhiteSpace(configured)
            ? paths.DataDirectory
            : Path.GetFullPath(Path.Combine(paths.ContentRoot, configured));
    }

    /// <summary>The folder keys are relative to (the data folder unless TakeStore:Directory says otherwise).</summary>
    public string Root { get; }

    public string Location => Root;

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var target = Resolve(key);
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        var partial = Path.Combine(folder, PartialPrefix + Guid.NewGuid().ToString("N") + "-" + Path.GetFileName(target));
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
                // On disk before the rename makes it visible: after a power cut a committed take must not find a short file.
                file.Flush(flushToDisk: true);
            }
            // Same content hash, same bytes: replacing a file another worker placed changes nothing, and unlike an
            // exists-check it cannot race with that worker.
            File.Move(partial, target, overwrite: true);
        }
        catch
        {
            TryDelete(partial);
            throw;
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = Resolve(key);
        try
        {
            return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Missing();
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(File.Exists(Resolve(key)));

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = Resolve(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        return Task.CompletedTask;
    }

    public Task<string> GetLocalPathAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = Resolve(key);
        return File.Exists(path) ? Task.FromResult(path) : Task.FromException<string>(Missing());
    }

    /// <summary>The key's file; a key that would leave the store (rooted, "..") is refused, since rows never hold one.</summary>
    private string Resolve(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var full = Path.GetFullPath(Path.Combine(Root, key));
        if (Path.IsPathRooted(key) || !full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || Path.GetFileName(full).StartsWith(PartialPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' is not a take store key: keys are relative paths inside the store.", nameof(key));
        }
        return full;
    }

    private static NotFoundException Missing() => new(
        "The take's file is missing from the take store. Regenerate the take; if other machines render for this studio, " +
        "check that TakeStore:Directory on this one points at the folder they share.");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the orphan sweep: a partial file is never visible under a key.
        }
    }
}
