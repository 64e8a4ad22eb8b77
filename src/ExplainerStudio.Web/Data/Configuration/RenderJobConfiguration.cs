using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class RenderJobConfiguration : IEntityTypeConfiguration<RenderJob>
{
    public void Configure(EntityTypeBuilder<RenderJob> job)
    {
        // A number, not the conventional string, so that the queue orders by it.
        job.Property(j => j.Priority).HasConversion<int>();
        job.HasIndex(j => new { j.Status, j.Priority, j.QueuedAt });
        job.HasIndex(j => new { j.ProjectId, j.ShotId });
        job.HasOne<Project>().WithMany().HasForeignKey(j => j.ProjectId).OnDelete(DeleteBehavior.Cascade);
        job.HasOne<Shot>().WithMany().HasForeignKey(j => j.ShotId).OnDelete(DeleteBehavior.Cascade);
    }
}
