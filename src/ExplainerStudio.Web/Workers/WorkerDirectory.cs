using System.Text.Json;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Jobs;
using ExplainerStudio.Web.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Workers;

/// <summary>
/// The workers list as the queue page shows it: every registered worker with its state, what it can run and the jobs
/// it holds (their leases name it). Workers are shared by all projects; a job of a project the viewer is not a member
/// of shows as a job, without its shot. Jobs no live worker could take (their pack is nowhere) are counted too.
/// </summary>
public sealed class WorkerDirectory(IDbContextFactory<StudioDbContext> contextFactory, IOptions<JobOptions> jobOptions, TimeProvider clock)
{
    public async Task<IReadOnlyList<WorkerView>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var workers = await context.Workers.AsNoTracking().ToListAsync(cancellationToken);
        var running = await context.RenderJobs.AsNoTracking().Where(j => j.Status == RenderJobStatus.Running && j.LeaseOwner != null)
            .Select(j => new { j.Id, j.ProjectId, j.ShotId, j.Step, j.TotalSteps, j.Phase, j.LeaseOwner }).ToListAsync(cancellationToken);
        var member = (await context.ProjectMembers.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.ProjectId).ToListAsync(cancellationToken)).ToHashSet();
        var shotIds = running.Where(j => member.Contains(j.ProjectId)).Select(j => j.ShotId).Distinct().ToList();
        var titles = await context.Shots.IgnoreQueryFilters().AsNoTracking().Where(s => shotIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Title, cancellationToken);
        var ids = workers.Select(w => w.Id).ToList();
        var finished = await context.RenderJobs.AsNoTracking().Where(j => j.FinishedBy != null && ids.Contains(j.FinishedBy))
            .GroupBy(j => j.FinishedBy!).Select(g => new { Worker = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Worker, g => g.Count, cancellationToken);
        var lostBefore = clock.GetUtcNow() - jobOptions.Value.Lease;
        return workers
            .Select(w =>
            {
                var jobs = running.Where(j => j.LeaseOwner == w.Id)
                    .Select(j => new WorkerJobView(j.Id, j.ProjectId, member.Contains(j.ProjectId) ? titles.GetValueOrDefault(j.ShotId, "?") : null, j.Step, j.TotalSteps, j.Phase))
                    .OrderBy(j => j.JobId).ToList();
                var state = w.HeartbeatAt < lostBefore ? WorkerState.Lost : jobs.Count > 0 ? WorkerState.Rendering : WorkerState.Idle;
                return new WorkerView(w.Id, w.Host, w.ProcessId, w.Role, w.Version, w.ExecutionProvider, w.HasGpu,
                    JsonSerializer.Deserialize<List<string>>(w.PacksJson) ?? [], w.Slots, w.Problem, state, w.StartedAt, w.HeartbeatAt, jobs,
                    finished.GetValueOrDefault(w.Id));
            })
            .OrderBy(w => w.State == WorkerState.Lost).ThenBy(w => w.Host, StringComparer.Ordinal).ThenBy(w => w.ProcessId)
            .ToList();
    }

    /// <summary>Packs that queued jobs need and no live worker has: those jobs wait until such a worker joins.</summary>
    public async Task<IReadOnlyList<string>> UnservedPacksAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var lostBefore = clock.GetUtcNow() - jobOptions.Value.Lease;
        var live = (await context.Workers.AsNoTracking().Where(w => w.HeartbeatAt >= lostBefore).Select(w => w.PacksJson).ToListAsync(cancellationToken))
            .SelectMany(json => JsonSerializer.Deserialize<List<string>>(json) ?? []).ToHashSet(StringComparer.Ordinal);
        var needed = await context.RenderJobs.AsNoTracking().Where(j => j.Status == RenderJobStatus.Queued && j.RequiredPack != null)
            .Select(j => j.RequiredPack!).Distinct().ToListAsync(cancellationToken);
        return [.. needed.Where(p => !live.Contains(p)).Order(StringComparer.Ordinal)];
    }
}
