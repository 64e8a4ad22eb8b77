using System.Linq.Expressions;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace ExplainerStudio.Web.Rendering;

/// <summary>Render jobs on the job machinery: taken by priority, then by when they entered the queue.</summary>
public sealed class RenderJobKind : IJobKind<RenderJob>
{
    public string Name => "render";

    public Expression<Func<RenderJob, bool>> IsQueued { get; } = j => j.Status == RenderJobStatus.Queued;

    public Expression<Func<RenderJob, bool>> IsRunning { get; } = j => j.Status == RenderJobStatus.Running;

    public DbSet<RenderJob> Table(StudioDbContext context) => context.RenderJobs;

    public IQueryable<RenderJob> InClaimOrder(IQueryable<RenderJob> queued) =>
        queued.OrderByDescending(j => j.Priority).ThenBy(j => j.QueuedAt).ThenBy(j => j.Id);

    public void SetClaimed(UpdateSettersBuilder<RenderJob> update, DateTimeOffset now) => update
        .SetProperty(j => j.Status, RenderJobStatus.Running)
        .SetProperty(j => j.StartedAt, now)
        .SetProperty(j => j.Attempts, j => j.Attempts + 1)
        .SetProperty(j => j.Step, 0)
        .SetProperty(j => j.Phase, "starting");

    public void SetRequeued(UpdateSettersBuilder<RenderJob> update) => update
        .SetProperty(j => j.Status, RenderJobStatus.Queued)
        .SetProperty(j => j.Step, 0)
        .SetProperty(j => j.Phase, (string?)null);

    public void SetCancelled(UpdateSettersBuilder<RenderJob> update, DateTimeOffset now) => update
        .SetProperty(j => j.Status, RenderJobStatus.Cancelled)
        .SetProperty(j => j.FinishedAt, now);
}
