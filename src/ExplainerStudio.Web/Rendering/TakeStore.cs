using System.Globalization;
using System.Text.Json;
using ExplainerStudio.Media.Images;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// Turns a finished render into a take: its files move from the job folder to data/takes (named by content hash, so a
/// re-run writes the same names), then one transaction inserts the take and marks the job succeeded. A crash before
/// the commit leaves the job running, to be re-queued at start-up; the take's unique job id makes a second take for
/// the same job impossible.
/// </summary>
public sealed class TakeStore(IDbContextFactory<StudioDbContext> contextFactory, StudioPaths paths, ImageDecoder decoder, TimeProvider clock)
{
    public string TakesDirectory => Path.Combine(paths.DataDirectory, "takes");

    public string JobDirectory(int jobId) =>
        Path.Combine(paths.TempDirectory, "render", "job-" + jobId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Returns the new take's id, or null when the job was cancelled or finished elsewhere meanwhile.</summary>
    public async Task<int?> CommitAsync(RenderJob job, RenderedTake rendered, CancellationToken cancellationToken)
    {
        var keyframe = Place(rendered.KeyframeTempPath, rendered.KeyframeSha256, ".png");
        var clip = Place(rendered.ClipTempPath, rendered.ClipSha256, ".mp4");
        // The job folder goes before the commit, so a succeeded job never has partial files left behind.
        Directory.Delete(Path.GetDirectoryName(rendered.ClipTempPath)!, recursive: true);

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        string? reproduction = null;
        if (job.ReproducesTakeId is { } originalId
            && await context.Takes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == originalId, cancellationToken) is { } original)
        {
            reproduction = ReproductionCheck.Compare(original, rendered, () => SamePixels(original.KeyframePath, keyframe));
        }

        var now = clock.GetUtcNow();
        var take = new Take
        {
            JobId = job.Id,
            ProjectId = job.ProjectId,
            ShotId = job.ShotId,
            KeyframePath = keyframe,
            KeyframeSha256 = rendered.KeyframeSha256,
            ClipPath = clip,
            ClipSha256 = rendered.ClipSha256,
            ClipBytes = rendered.ClipBytes,
            Width = rendered.Width,
            Height = rendered.Height,
            FrameRate = rendered.FrameRate,
            FrameCount = rendered.FrameCount,
            PackId = rendered.Recipe.PackId,
            PackHash = rendered.Recipe.PackHash,
            Seed = unchecked((long)rendered.Recipe.Seed),
            Scheduler = rendered.Recipe.Scheduler.ToString(),
            Steps = rendered.Recipe.Steps,
            StepsRun = rendered.Recipe.StepsRun,
            Guidance = rendered.Recipe.GuidanceScale,
            Strength = rendered.Recipe.Strength ?? 1,
            ExecutionProvider = rendered.Recipe.ExecutionProvider,
            AppVersion = ShotRenderer.AppVersion,
            ReferencesJson = JsonSerializer.Serialize(rendered.References, RenderQueue.Json),
            InputsJson = JsonSerializer.Serialize(rendered.Inputs, RenderQueue.Json),
            KeyframeMilliseconds = rendered.Keyframe.TotalMilliseconds,
            FramesMilliseconds = rendered.Frames.TotalMilliseconds,
            EncodeMilliseconds = rendered.EncodeWait.TotalMilliseconds,
            TotalMilliseconds = rendered.Total.TotalMilliseconds,
            CreatedByUserId = job.RequestedByUserId,
            CreatedAt = now,
            ReproducesTakeId = job.ReproducesTakeId,
            ReproductionResult = reproduction,
        };

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        context.Takes.Add(take);
        await context.SaveChangesAsync(cancellationToken);
        // Only while the job is still this attempt's: a worker that lost its lease must leave the take to the one
        // that reclaimed the job.
        var finished = await context.RenderJobs.Where(j => j.Id == job.Id && j.Status == RenderJobStatus.Running && j.LeaseOwner == job.LeaseOwner)
            .ExecuteUpdateAsync(u => u
                .SetProperty(j => j.Status, RenderJobStatus.Succeeded)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.TakeId, take.Id)
                .SetProperty(j => j.Step, j => j.TotalSteps)
                .SetProperty(j => j.Phase, "done"), cancellationToken);
        if (finished == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }
        // The first take of a shot is the one the timeline uses until someone picks another.
        await context.Shots.Where(s => s.Id == job.ShotId && s.SelectedTakeId == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.SelectedTakeId, take.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return take.Id;
    }

    /// <summary>
    /// Whether two keyframe files hold the same picture. Only asked when their bytes differ: the same pixels encoded by
    /// another PNG encoder build are the same take. A missing or unreadable original counts as different.
    /// </summary>
    private bool SamePixels(string originalRelative, string againRelative)
    {
        var original = Path.Combine(paths.DataDirectory, originalRelative);
        if (!File.Exists(original))
        {
            return false;
        }
        try
        {
            return decoder.Decode(original) == decoder.Decode(Path.Combine(paths.DataDirectory, againRelative));
        }
        catch (Media.MediaException)
        {
            return false;
        }
    }

    /// <summary>Moves a finished file to its content-addressed place; returns the path relative to the data folder.</summary>
    private string Place(string tempPath, string sha256, string extension)
    {
        var relative = Path.Combine("takes", sha256[..2], sha256 + extension);
        var target = Path.Combine(paths.DataDirectory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Same hash, same bytes: replacing a file an earlier attempt or an identical take placed changes nothing, and
        // unlike an exists-check it cannot race with another worker placing the same file.
        File.Move(tempPath, target, overwrite: true);
        return relative;
    }
}
