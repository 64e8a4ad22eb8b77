using System.Security.Cryptography;
using System.Text.Json;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Jobs;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// "Generate" and the queue's actions. Every job row is committed before any worker can see it; workers are woken at
/// once, and a job queued by another process is found by their poll.
/// </summary>
public sealed class RenderQueue(
    IDbContextFactory<StudioDbContext> contextFactory,
    ProjectAccess access,
    RenderProgressNotifier notifier,
    JobStore<RenderJob> store,
    JobSignal<RenderJob> signal,
    JobCancellations<RenderJob> cancellations,
    TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<int> GenerateShotAsync(
        int shotId, string userId, SeedMode seedMode = SeedMode.Same, RenderPriority priority = RenderPriority.High,
        CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var projectId = await context.Shots.Where(s => s.Id == shotId).Select(s => (int?)s.Scene!.ProjectId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That shot no longer exists. Reload the storyboard.");
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        var ids = await EnqueueAsync(context, projectId, [shotId], RenderScope.Shot, seedMode, priority, userId, cancellationToken);
        return ids.Single();
    }

    public async Task<IReadOnlyList<int>> GenerateSceneAsync(
        int sceneId, string userId, SeedMode seedMode = SeedMode.Same, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var scene = await context.Scenes.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sceneId, cancellationToken)
            ?? throw new NotFoundException("That scene no longer exists. Reload the storyboard.");
        await access.RequireAsync(scene.ProjectId, userId, ProjectRole.Editor, cancellationToken);
        var shots = await context.Shots.Where(s => s.SceneId == sceneId).OrderBy(s => s.Position).Select(s => s.Id).ToListAsync(cancellationToken);
        return await EnqueueAsync(context, scene.ProjectId, shots, RenderScope.Scene, seedMode, RenderPriority.Normal, userId, cancellationToken);
    }

    public async Task<IReadOnlyList<int>> GenerateProjectAsync(
        int projectId, string userId, SeedMode seedMode = SeedMode.Same, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var shots = await context.Shots.Where(s => s.Scene!.ProjectId == projectId)
            .OrderBy(s => s.Scene!.Position).ThenBy(s => s.Position).Select(s => s.Id).ToListAsync(cancellationToken);
        return await EnqueueAsync(context, projectId, shots, RenderScope.Project, seedMode, RenderPriority.Low, userId, cancellationToken);
    }

    /// <summary>
    /// Runs a take's exact inputs again. With <see cref="SeedMode.Same"/> the new take must reproduce it bit for bit on
    /// the same provider; the worker compares the keyframes and records the result on the new take.
    /// </summary>
    public async Task<int> RegenerateTakeAsync(int takeId, string userId, SeedMode seedMode, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var take = await context.Takes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == takeId, cancellationToken)
            ?? throw new NotFoundException("That take no longer exists.");
        await access.RequireAsync(take.ProjectId, userId, ProjectRole.Editor, cancellationToken);
        if (!await context.Shots.AnyAsync(s => s.Id == take.ShotId, cancellationToken))
        {
            throw new NotFoundException("The take's shot was deleted; restore it before regenerating.");
        }
        var inputs = JsonSerializer.Deserialize<RenderInputs>(take.InputsJson, Json)!;
        if (seedMode == SeedMode.New)
        {
            inputs = inputs with { Seed = NewSeed() };
        }
        var job = NewJob(take.ProjectId, take.ShotId, RenderScope.Regenerate, seedMode, RenderPriority.High, userId, inputs);
        job.ReproducesTakeId = seedMode == SeedMode.Same ? take.Id : null;
        context.RenderJobs.Add(job);
        await context.SaveChangesAsync(cancellationToken);
        await AnnounceAsync(context, [job], cancellationToken);
        return job.Id;
    }

    /// <summary>
    /// Renders a take's inputs again with a change (the review board's stronger reference conditioning or new seed).
    /// The result is a new recipe, not a reproduction, so it is never checked against the original bit for bit.
    /// </summary>
    public async Task<int> RegenerateTakeWithAsync(
        int takeId, string userId, Func<RenderInputs, RenderInputs> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var take = await context.Takes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == takeId, cancellationToken)
            ?? throw new NotFoundException("That take no longer exists.");
        await access.RequireAsync(take.ProjectId, userId, ProjectRole.Editor, cancellationToken);
        if (!await context.Shots.AnyAsync(s => s.Id == take.ShotId, cancellationToken))
        {
            throw new NotFoundException("The take's shot was deleted; restore it before regenerating.");
        }
        var original = JsonSerializer.Deserialize<RenderInputs>(take.InputsJson, Json)!;
        var inputs = change(original);
        var seedMode = inputs.Seed == original.Seed ? SeedMode.Same : SeedMode.New;
        var job = NewJob(take.ProjectId, take.ShotId, RenderScope.Regenerate, seedMode, RenderPriority.High, userId, inputs);
        context.RenderJobs.Add(job);
        await context.SaveChangesAsync(cancellationToken);
        await AnnounceAsync(context, [job], cancellationToken);
        return job.Id;
    }

    public async Task CancelAsync(int jobId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var job = await RequireJobAsync(context, jobId, userId, cancellationToken);
        var outcome = await store.RequestCancelAsync(jobId, cancellationToken);
        if (outcome == JobCancelOutcome.Dequeued)
        {
            notifier.Publish(new RenderEvent(job.Id, job.ProjectId, job.ShotId, RenderEventKind.Cancelled, clock.GetUtcNow()));
            return;
        }

        // A running job: the flag reaches its worker, in whichever process, at its next heartbeat; this process's
        // worker is told at once.
        cancellations.Cancel(jobId);
    }

    public async Task RetryAsync(int jobId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var job = await RequireJobAsync(context, jobId, userId, cancellationToken);
        if (job.Status is not (RenderJobStatus.Failed or RenderJobStatus.Cancelled))
        {
            throw new StudioInputException("Only failed or cancelled jobs can be retried.");
        }
        // A retry renders the shot as it is now, so that fixing what the failure message pointed at (steps, size,
        // references) takes effect; a regeneration keeps the exact recipe it exists to reproduce.
        var inputsJson = job.InputsJson;
        if (job.Scope != RenderScope.Regenerate)
        {
            var shot = await context.Shots.AsNoTracking().Include(s => s.Characters).ThenInclude(c => c.Character)
                .FirstOrDefaultAsync(s => s.Id == job.ShotId, cancellationToken)
                ?? throw new NotFoundException("The shot of this job was deleted; there is nothing to retry.");
            var inputs = ResolveInputs(shot);
            if (job.SeedMode == SeedMode.New)
            {
                inputs = inputs with { Seed = JsonSerializer.Deserialize<RenderInputs>(job.InputsJson, Json)!.Seed };
            }
            inputsJson = JsonSerializer.Serialize(inputs, Json);
        }
        var now = clock.GetUtcNow();
        var requiredPack = Workers.WorkerCapabilities.Normalise(JsonSerializer.Deserialize<RenderInputs>(inputsJson, Json)!.ModelPack);
        await context.RenderJobs.Where(j => j.Id == jobId && (j.Status == RenderJobStatus.Failed || j.Status == RenderJobStatus.Cancelled))
            .ExecuteUpdateAsync(u => u
                .SetProperty(j => j.InputsJson, inputsJson)
                .SetProperty(j => j.RequiredPack, requiredPack)
                .SetProperty(j => j.Status, RenderJobStatus.Queued)
                .SetProperty(j => j.QueuedAt, now)
                .SetProperty(j => j.Error, (string?)null)
                .SetProperty(j => j.CancelRequested, false)
                .SetProperty(j => j.CrashStreak, 0)
                .SetProperty(j => j.LastCrashPoint, (string?)null)
                .SetProperty(j => j.Step, 0)
                .SetProperty(j => j.Phase, (string?)null)
                .SetProperty(j => j.StartedAt, (DateTimeOffset?)null)
                .SetProperty(j => j.FinishedAt, (DateTimeOffset?)null), cancellationToken);
        job.Status = RenderJobStatus.Queued;
        await AnnounceAsync(context, [job], cancellationToken);
    }

    public async Task SetPriorityAsync(int jobId, string userId, RenderPriority priority, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await RequireJobAsync(context, jobId, userId, cancellationToken);
        await context.RenderJobs.Where(j => j.Id == jobId)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.Priority, priority), cancellationToken);
    }

    /// <summary>Jobs of every project the user belongs to (or of one project), newest first, with queue positions.</summary>
    public async Task<IReadOnlyList<RenderJobView>> ListJobsAsync(string userId, int? projectId = null, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var roles = await context.ProjectMembers.AsNoTracking().Where(m => m.UserId == userId)
            .ToDictionaryAsync(m => m.ProjectId, m => m.Role, cancellationToken);
        var projectIds = projectId is { } only ? roles.Keys.Where(k => k == only).ToList() : roles.Keys.ToList();
        var rows = await context.RenderJobs.AsNoTracking()
            .Where(j => projectIds.Contains(j.ProjectId))
            .OrderByDescending(j => j.Id)
            .Take(limit)
            .Join(context.Projects, j => j.ProjectId, p => p.Id, (j, p) => new { Job = j, ProjectName = p.Name })
            .ToListAsync(cancellationToken);
        var shotIds = rows.Select(r => r.Job.ShotId).Distinct().ToList();
        var shotTitles = await context.Shots.IgnoreQueryFilters().Where(s => shotIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Title, cancellationToken);
        var userIds = rows.Select(r => r.Job.RequestedByUserId).Distinct().ToList();
        var names = await context.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var positions = await QueuePositionsAsync(context, cancellationToken);
        return rows.OrderByDescending(r => r.Job.Id).Select(r => ToView(r.Job, r.ProjectName, shotTitles.GetValueOrDefault(r.Job.ShotId, "?"),
                names.GetValueOrDefault(r.Job.RequestedByUserId, "?"), positions, roles[r.Job.ProjectId] >= ProjectRole.Editor))
            .ToList();
    }

    public async Task<RenderJobView> GetJobAsync(int jobId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var job = await context.RenderJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken)
            ?? throw new NotFoundException("That render job no longer exists.");
        var role = await access.RequireAsync(job.ProjectId, userId, ProjectRole.Viewer, cancellationToken);
        var projectName = await context.Projects.Where(p => p.Id == job.ProjectId).Select(p => p.Name).FirstAsync(cancellationToken);
        var shotTitle = await context.Shots.IgnoreQueryFilters().Where(s => s.Id == job.ShotId).Select(s => s.Title).FirstOrDefaultAsync(cancellationToken) ?? "?";
        var requester = await context.Users.Where(u => u.Id == job.RequestedByUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "?";
        return ToView(job, projectName, shotTitle, requester, await QueuePositionsAsync(context, cancellationToken), role >= ProjectRole.Editor);
    }

    /// <summary>Per shot of a project: its latest job and its takes, for the storyboard's badges.</summary>
    public async Task<IReadOnlyDictionary<int, ShotRenderState>> GetShotStatesAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Viewer, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var latestJobs = await context.RenderJobs.AsNoTracking()
            .Where(j => j.ProjectId == projectId && j.Id == context.RenderJobs.Where(o => o.ShotId == j.ShotId).Max(o => o.Id))
            .ToListAsync(cancellationToken);
        var takes = await context.Takes.AsNoTracking().Where(t => t.ProjectId == projectId)
            .Select(t => new { t.Id, t.ShotId, t.ReferencesJson }).ToListAsync(cancellationToken);
        var shots = await context.Shots.AsNoTracking().Where(s => s.Scene!.ProjectId == projectId)
            .Select(s => new { s.Id, s.SelectedTakeId }).ToListAsync(cancellationToken);
        var current = await TakeService.CurrentLockedSetNumbersAsync(context, projectId, cancellationToken);
        var jobsByShot = latestJobs.ToDictionary(j => j.ShotId);
        return shots.ToDictionary(s => s.Id, s =>
        {
            jobsByShot.TryGetValue(s.Id, out var job);
            var selected = takes.FirstOrDefault(t => t.Id == s.SelectedTakeId);
            var stale = selected is not null && TakeService.References(selected.ReferencesJson, current).Any(r => r.IsStale);
            var fraction = job is null ? 0 : job.Status == RenderJobStatus.Succeeded ? 1 : job.TotalSteps <= 0 ? 0 : (double)job.Step / job.TotalSteps;
            return new ShotRenderState(s.Id, job?.Id, job?.Status, fraction, job?.Error, takes.Count(t => t.ShotId == s.Id), s.SelectedTakeId, stale);
        });
    }

    internal static long NewSeed() => RandomNumberGenerator.GetInt32(int.MaxValue);

    private async Task<List<int>> EnqueueAsync(
        StudioDbContext context, int projectId, IReadOnlyList<int> shotIds, RenderScope scope, SeedMode seedMode,
        RenderPriority priority, string userId, CancellationToken cancellationToken)
    {
        if (shotIds.Count == 0)
        {
            throw new StudioInputException("There are no shots to generate. Add a shot first.");
        }
        var shots = await context.Shots.AsNoTracking().Include(s => s.Characters).ThenInclude(c => c.Character)
            .Where(s => shotIds.Contains(s.Id)).ToListAsync(cancellationToken);
        // A shot deleted since the ids were read is skipped rather than failing the whole request.
        var byId = shots.ToDictionary(s => s.Id);
        var present = shotIds.Where(byId.ContainsKey).ToList();
        if (present.Count == 0)
        {
            throw new NotFoundException("Those shots no longer exist; someone may have deleted them. Reload the storyboard.");
        }
        var jobs = present.Select(id => byId[id]).Select(shot =>
        {
            var inputs = ResolveInputs(shot);
            if (seedMode == SeedMode.New)
            {
                inputs = inputs with { Seed = NewSeed() };
            }
            return NewJob(projectId, shot.Id, scope, seedMode, priority, userId, inputs);
        }).ToList();
        context.RenderJobs.AddRange(jobs);
        await context.SaveChangesAsync(cancellationToken);
        await AnnounceAsync(context, jobs, cancellationToken);
        return jobs.Select(j => j.Id).ToList();
    }

    private RenderJob NewJob(int projectId, int shotId, RenderScope scope, SeedMode seedMode, RenderPriority priority, string userId, RenderInputs inputs)
    {
        var now = clock.GetUtcNow();
        return new RenderJob
        {
            ProjectId = projectId,
            ShotId = shotId,
            Scope = scope,
            Priority = priority,
            Status = RenderJobStatus.Queued,
            RequestedByUserId = userId,
            CreatedAt = now,
            QueuedAt = now,
            SeedMode = seedMode,
            InputsJson = JsonSerializer.Serialize(inputs, Json),
            RequiredPack = Workers.WorkerCapabilities.Normalise(inputs.ModelPack),
        };
    }

    internal static RenderInputs ResolveInputs(Shot shot) => new(
        shot.Prompt, shot.NegativePrompt, shot.Seed, shot.ModelPack, shot.Scheduler, shot.Steps, shot.Guidance,
        shot.ReferenceStrength, shot.CameraMove, shot.DurationSeconds,
        shot.Characters.OrderBy(c => c.ZOrder).Select(c => new RenderPlacement(
            c.CharacterId, c.Character?.Name ?? "?", c.X, c.Y, c.Scale, c.ZOrder, c.ReferenceSetId)).ToList());

    private async Task AnnounceAsync(StudioDbContext context, IReadOnlyList<RenderJob> jobs, CancellationToken cancellationToken)
    {
        var positions = await QueuePositionsAsync(context, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var job in jobs)
        {
            notifier.Publish(new RenderEvent(job.Id, job.ProjectId, job.ShotId, RenderEventKind.Queued, now,
                QueuePosition: positions.TryGetValue(job.Id, out var position) ? position : null));
        }
        signal.Notify();
    }

    private async Task<RenderJob> RequireJobAsync(StudioDbContext context, int jobId, string userId, CancellationToken cancellationToken)
    {
        var job = await context.RenderJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken)
            ?? throw new NotFoundException("That render job no longer exists.");
        await access.RequireAsync(job.ProjectId, userId, ProjectRole.Editor, cancellationToken);
        return job;
    }

    /// <summary>1-based positions of queued jobs in the order workers take them: priority, then age.</summary>
    internal static async Task<Dictionary<int, int>> QueuePositionsAsync(StudioDbContext context, CancellationToken cancellationToken)
    {
        var queued = await context.RenderJobs.AsNoTracking().Where(j => j.Status == RenderJobStatus.Queued)
            .OrderByDescending(j => j.Priority).ThenBy(j => j.QueuedAt).ThenBy(j => j.Id)
            .Select(j => j.Id).ToListAsync(cancellationToken);
        return queued.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index + 1);
    }

    private static RenderJobView ToView(RenderJob job, string projectName, string shotTitle, string requester, IReadOnlyDictionary<int, int> positions, bool canManage) => new(
        job.Id, job.ProjectId, projectName, job.ShotId, shotTitle, job.Scope, job.Priority, job.Status, job.Attempts, requester,
        job.CreatedAt, job.StartedAt, job.FinishedAt, job.Step, job.TotalSteps, job.Phase, job.Error, job.TakeId,
        positions.TryGetValue(job.Id, out var position) ? position : null, canManage);
}
