using System.Globalization;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Data;

/// <summary>
/// Every file the studio writes under data/ belongs to a row: a take's keyframe and clip, a line's recorded audio, a
/// project's music, an export's video and subtitle sidecars. Files are content-addressed, so two rows may share one;
/// a file is deleted only once no row names it, and only after the commit that released it (a rolled-back change
/// never loses a file). What crashes or bugs leave behind is removed by the sweep (<see cref="DataFileSweeper"/>).
/// </summary>
public sealed class StudioFiles(
    IDbContextFactory<StudioDbContext> contextFactory,
    StudioPaths paths,
    ITakeFileStore takeFiles,
    TimeProvider clock,
    ILogger<StudioFiles> logger)
{
    /// <summary>The folders of data/ whose files rows own; anything else there (logs, backups, caches) is not swept.</summary>
    public static IReadOnlyList<string> OwnedFolders { get; } = ["takes", "dialogue", "music", "voiceover", "exports", "tmp"];

    /// <summary>Deletes those of the given files (relative to data/) that no row names any more. Call after the commit.</summary>
    public async Task ReleaseAsync(IEnumerable<string?> relativePaths, CancellationToken cancellationToken = default)
    {
        var candidates = relativePaths.OfType<string>().Where(p => p.Length > 0).Select(Normalise).Distinct(StringComparer.Ordinal).ToList();
        if (candidates.Count == 0)
        {
            return;
        }
        var owned = await OwnedPathsAsync(cancellationToken);
        foreach (var relative in candidates.Where(p => !owned.Contains(p)))
        {
            if (IsTakeFile(relative))
            {
                if (await takeFiles.ExistsAsync(relative, cancellationToken))
                {
                    await takeFiles.DeleteAsync(relative, cancellationToken);
                    logger.LogInformation("Deleted {File}: no row owns it any more", relative);
                }
                continue;
            }
            var full = Resolve(relative);
            if (full is not null && File.Exists(full))
            {
                File.Delete(full);
                logger.LogInformation("Deleted {File}: no row owns it any more", relative);
            }
        }
    }

    /// <summary>
    /// Removes files under the owned folders that no row owns and that are older than <paramref name="grace"/> (a file
    /// being written right now has no row yet). Voice-over uploads never get a row of their own: they live until the
    /// grace period ends, applied or not. Returns what it removed, relative to data/.
    /// </summary>
    public async Task<IReadOnlyList<string>> SweepAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        var owned = await OwnedPathsAsync(cancellationToken);
        var exportIds = await ExportIdsAsync(cancellationToken);
        var cutoff = clock.GetUtcNow() - grace;
        var removed = new List<string>();
        var emptied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in OwnedFolders)
        {
            // Take files live in the take store, which may be a folder shared with other machines.
            var storeRoot = folder == "takes" && takeFiles is FolderTakeFileStore store ? store.Root : paths.DataDirectory;
            var root = Path.Combine(storeRoot, folder);
            if (!Directory.Exists(root))
            {
                continue;
            }
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var relative = Normalise(Path.GetRelativePath(storeRoot, file));
                if (owned.Contains(relative) || IsExportFileOf(relative, exportIds) || File.GetLastWriteTimeUtc(file) > cutoff.UtcDateTime)
                {
                    continue;
                }
                File.Delete(file);
                removed.Add(relative);
                emptied.Add(Path.GetDirectoryName(file)!);
            }
            RemoveEmptyFolders(root, cutoff.UtcDateTime, emptied);
        }
        foreach (var relative in removed)
        {
            logger.LogInformation("Sweep removed {File}: no row owns it", relative);
        }
        logger.LogInformation("Sweep of {DataDirectory} removed {Count} file(s) no row owns", paths.DataDirectory, removed.Count);
        return removed;
    }

    /// <summary>Bytes and files per top-level folder of data/ (the database and its WAL included), for an admin page.</summary>
    public DataUsage Usage()
    {
        var folders = new List<DataFolderUsage>();
        long looseBytes = 0;
        var looseFiles = 0;
        if (Directory.Exists(paths.DataDirectory))
        {
            foreach (var directory in Directory.EnumerateDirectories(paths.DataDirectory).Order(StringComparer.Ordinal))
            {
                var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f)).ToList();
                folders.Add(new DataFolderUsage(Path.GetFileName(directory), files.Count, files.Sum(f => f.Length)));
            }
            foreach (var file in Directory.EnumerateFiles(paths.DataDirectory).Select(f => new FileInfo(f)))
            {
                looseFiles++;
                looseBytes += file.Length;
            }
        }
        folders.Add(new DataFolderUsage("", looseFiles, looseBytes));
        return new DataUsage(paths.DataDirectory, folders, folders.Sum(f => f.Bytes));
    }

    private async Task<HashSet<string>> OwnedPathsAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var owned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var take in await context.Takes.AsNoTracking().Select(t => new { t.KeyframePath, t.ClipPath }).ToListAsync(cancellationToken))
        {
            owned.Add(Normalise(take.KeyframePath));
            owned.Add(Normalise(take.ClipPath));
        }
        owned.UnionWith((await context.DialogueAudio.IgnoreQueryFilters().AsNoTracking().Select(a => a.FilePath).ToListAsync(cancellationToken)).Select(Normalise));
        owned.UnionWith((await context.TimelineMusic.AsNoTracking().Select(m => m.FilePath).ToListAsync(cancellationToken)).Select(Normalise));
        owned.UnionWith((await context.ExportJobs.AsNoTracking().Where(j => j.FilePath != null).Select(j => j.FilePath!).ToListAsync(cancellationToken)).Select(Normalise));
        return owned;
    }

    private async Task<HashSet<int>> ExportIdsAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return (await context.ExportJobs.AsNoTracking().Select(j => j.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>An export's video and its subtitle sidecars are named export-{id}.*; the job row owns them all.</summary>
    private static bool IsExportFileOf(string relative, HashSet<int> exportIds)
    {
        if (!relative.StartsWith("exports/", StringComparison.Ordinal))
        {
            return false;
        }
        var name = Path.GetFileName(relative);
        if (!name.StartsWith("export-", StringComparison.Ordinal))
        {
            return false;
        }
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? name["export-".Length..] : name["export-".Length..dot];
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && exportIds.Contains(id);
    }

    /// <summary>The full path of a relative one, or null when it would leave data/ (a row never names such a path).</summary>
    private string? Resolve(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(paths.DataDirectory, relative));
        return full.StartsWith(paths.DataDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    private static bool IsTakeFile(string relative) => relative.StartsWith("takes/", StringComparison.Ordinal);

    private static string Normalise(string relative) => relative.Replace('\\', '/');

    /// <summary>
    /// Removes empty folders this sweep emptied, or that have been empty since before the grace period. A fresh empty
    /// folder is kept: it may be the work folder of a render that another studio sharing this data folder has just
    /// started and not yet written to.
    /// </summary>
    private static void RemoveEmptyFolders(string root, DateTime cutoffUtc, HashSet<string> emptied)
    {
        foreach (var directory in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
        {
            if (Directory.EnumerateFileSystemEntries(directory).Any())
            {
                continue;
            }
            if (emptied.Contains(directory) || Directory.GetLastWriteTimeUtc(directory) <= cutoffUtc)
            {
                Directory.Delete(directory);
                // Its parent changed just now, but only because of this sweep.
                emptied.Add(Path.GetDirectoryName(directory)!);
            }
        }
    }
}
