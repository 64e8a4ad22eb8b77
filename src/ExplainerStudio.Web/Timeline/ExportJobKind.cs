using System.Linq.Expressions;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace ExplainerStudio.Web.Timeline;

/// <summary>Exports on the job machinery: taken oldest first. An interrupted export starts over from the timeline as it is.</summary>
public sealed class ExportJobKind : IJobKind<ExportJob>
{
    public string Name => "export";

    public Expression<Func<ExportJob, bool>> IsQueued { get; } = j => j.Status == ExportStatus.Queued;

    public Expression<Func<ExportJob, bool>> IsRunning { get; } = j => j.Status == ExportStatus.Running;

    public DbSet<ExportJob> Table(StudioDbContext context) => context.ExportJobs;

    public IQueryable<ExportJob> InClaimOrder(IQueryable<ExportJob> queued) => queued.OrderBy(j => j.Id);

    public void SetClaimed(UpdateSettersBuilder<ExportJob> update, DateTimeOffset now) => update
        .SetProperty(j => j.Status, ExportStatus.Running)
        .SetProperty(j => j.Progress, 0);

    public void SetRequeued(UpdateSettersBuilder<ExportJob> update) => update
        .SetProperty(j => j.Status, ExportStatus.Queued)
        .SetProperty(j => j.Progress, 0);

    public void SetCancelled(UpdateSettersBuilder<ExportJob> update, DateTimeOffset now) => update
        .SetProperty(j => j.Status, ExportStatus.Cancelled)
        .SetProperty(j => j.FinishedAt, now);
}
