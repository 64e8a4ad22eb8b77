using System.Globalization;
using System.Text.Json;
using ExplainerStudio.Media.Images;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// Turns a finished render into a take: its files go from the job folder into the shared take store
/// (<see cref="ITakeFileStore"/>, named by content hash, so a re-run writes the same names), and only once both are
/// there one transaction inserts the take and marks the job succeeded. A crash before the commit leaves the job
/// running, to be re-queued once its lease is over; the take's unique job id makes a second take for the same job
/// impossible.
/// </summary>
public sealed class TakeStore(IDbContextFactory<StudioDbContext> contextFactory, StudioPaths paths, ITakeFileStore files, ImageDecoder decoder, TimeProvider clock)
{
    public string JobDirectory(int jobId) =>
        Path.Combine(paths.TempDirectory, "render", "job-" + jobId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Returns the new take's id, or null when the job was cancelled or finished elsewhere meanwhile.</summary>
    public async Task<int?> CommitAsync(RenderJob job, RenderedTake rendered, CancellationToken cancellationToken)
    {
        var keyframe = await PlaceAsync(rendered.KeyframeTempPath, rendered.KeyframeSha256, ".png", cancellationToken);
        var clip = await PlaceAsync(rendered.ClipTempPath, rendered.ClipSha256, ".mp4", cancellationToken);
        // The job folder goes before the commit, so a succeeded job never has partial files left behind.
        Directory.Delete(Path.GetDirectoryName(rendered.ClipTempPath)!, recursive: true);

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        string? reproduction = null;
        if (job.ReproducesTakeId is { } originalId
            && await context.Takes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == originalId, cancellationToken) is { } original)
        {
            var originalKeyframe = await files.ExistsAsync(original.KeyframePath, cancellationToken)
                ? await files.GetLocalPathAsync(original.KeyframePath, cancellationToken)
                : null;
            var againKeyframe = await files.GetLocalPathAsync(keyframe, cancellationToken);
            reproduction = ReproductionCheck.Compare(original, rendered, () => SamePixels(originalKeyframe, againKeyframe));
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
                .SetProperty(j => j.FinishedBy, job.LeaseOwner)
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
    private bool SamePixels(string? original, string again)
    {
        if (original is null || !File.Exists(original))
        {
            return false;
        }
        try
        {
            return decoder.Decode(original) == decoder.Decode(again);
        }
        catch (Media.MediaException)
        {
            return false;
        }
    }

    /// <summary>Puts a finished file into the take store under its content-addressed key, and returns the key.</summary>
    private async Task<string> PlaceAsync(string tempPath, string sha256, string extension, CancellationToken cancellationToken)
    {
        // Keys keep the shape earlier takes recorded (relative to the data folder), so old rows resolve in any store.
        var key = string.Join('/', "takes", sha256[..2], sha256 + extension);
        await using (var source = File.OpenRead(tempPath))
        {
            await files.PutAsync(key, source, cancellationToken);
        }
        File.Delete(tempPath);
        return key;
    }
}
