using System.Text.Json;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Collaboration.Activity;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Rendering;

/// <summary>A shot's takes: listing with the stale flag, choosing the one the timeline uses, and their files.</summary>
public sealed class TakeService(IDbContextFactory<StudioDbContext> contextFactory, ProjectAccess access, ITakeFileStore files, ProjectChangePublisher changes)
{
    public async Task<IReadOnlyList<TakeView>> ListAsync(int shotId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var shot = await context.Shots.AsNoTracking().Where(s => s.Id == shotId)
            .Select(s => new { s.Scene!.ProjectId, s.SelectedTakeId }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That shot no longer exists. Reload the storyboard.");
        await access.RequireAsync(shot.ProjectId, userId, ProjectRole.Viewer, cancellationToken);
        var takes = await context.Takes.AsNoTracking().Where(t => t.ShotId == shotId).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        var userIds = takes.Select(t => t.CreatedByUserId).Distinct().ToList();
        var names = await context.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var current = await CurrentLockedSetNumbersAsync(context, shot.ProjectId, cancellationToken);
        return takes.Select(t => new TakeView(
            t.Id, t.ShotId, t.JobId, t.CreatedAt, names.GetValueOrDefault(t.CreatedByUserId, "?"), t.Seed, t.PackId, t.PackHash,
            t.Scheduler, t.Steps, t.StepsRun, t.Guidance, t.Strength, t.ExecutionProvider, t.AppVersion, t.Width, t.Height,
            t.FrameRate, t.FrameCount, t.KeyframeSha256, t.TotalMilliseconds, References(t.ReferencesJson, current),
            t.Id == shot.SelectedTakeId, t.ReproducesTakeId, t.ReproductionResult)).ToList();
    }

    /// <summary>Makes a take the one the timeline uses for its shot.</summary>
    public async Task SelectAsync(int takeId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var take = await context.Takes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == takeId, cancellationToken)
            ?? throw new NotFoundException("That take no longer exists.");
        await access.RequireAsync(take.ProjectId, userId, ProjectRole.Editor, cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var shot = await context.Shots.AsNoTracking().Where(s => s.Id == take.ShotId).Select(s => new { s.Title, s.SelectedTakeId }).FirstAsync(cancellationToken);
        // Only this column changes, so a concurrent edit of the shot's other fields is not overwritten.
        await context.Shots.Where(s => s.Id == take.ShotId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.SelectedTakeId, takeId), cancellationToken);
        await ActivityInterceptor.RecordAsync(context, take.ProjectId, ActivityKind.Selection, ActivityTarget.Take, takeId, take.ShotId,
            $"selected take #{takeId} for shot '{shot.Title}'",
            [new ActivityFieldChange("SelectedTake", shot.SelectedTakeId is { } previous ? $"#{previous}" : null, $"#{takeId}")], DateTimeOffset.UtcNow, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.PublishAsync(take.ProjectId, ProjectChangeKind.TakeSelection, takeId, take.ShotId, userId, "chose another take for a shot");
    }

    /// <summary>A local path of a take's keyframe PNG or clip MP4 from the take store, for a member of its project.</summary>
    public async Task<(string Path, string Sha256)> GetFileAsync(int takeId, bool clip, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var take = await context.Takes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == takeId, cancellationToken)
            ?? throw new NotFoundException("That take no longer exists.");
        await access.RequireAsync(take.ProjectId, userId, ProjectRole.Viewer, cancellationToken);
        var relative = clip ? take.ClipPath : take.KeyframePath;
        var path = await files.GetLocalPathAsync(relative, cancellationToken);
        return (path, clip ? take.ClipSha256 : take.KeyframeSha256);
    }

    internal static async Task<Dictionary<int, int>> CurrentLockedSetNumbersAsync(StudioDbContext context, int projectId, CancellationToken cancellationToken)
    {
        var rows = await context.ReferenceSets.AsNoTracking()
            .Where(r => r.IsLocked && r.Character!.ProjectId == projectId)
            .GroupBy(r => r.CharacterId)
            .Select(g => new { CharacterId = g.Key, Number = g.Max(r => r.Number) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.CharacterId, r => r.Number);
    }

    internal static IReadOnlyList<TakeReferenceView> References(string json, IReadOnlyDictionary<int, int> currentLocked) =>
        (JsonSerializer.Deserialize<List<TakeReference>>(json, RenderQueue.Json) ?? [])
            .Select(r => new TakeReferenceView(r.CharacterId, r.Name, r.SetNumber, currentLocked.TryGetValue(r.CharacterId, out var n) ? n : null))
            .ToList();
}
