using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class TakeConfiguration : IEntityTypeConfiguration<Take>
{
    public void Configure(EntityTypeBuilder<Take> take)
    {
        // One take per job: a job that runs again after a crash cannot add a second one.
        take.HasIndex(t => t.JobId).IsUnique();
        take.HasIndex(t => new { t.ShotId, t.CreatedAt });
        take.HasIndex(t => t.ProjectId);
        take.Property(t => t.KeyframeSha256).HasMaxLength(64);
        take.Property(t => t.ClipSha256).HasMaxLength(64);
        take.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
        take.HasOne<Shot>().WithMany().HasForeignKey(t => t.ShotId).OnDelete(DeleteBehavior.Cascade);
    }
}
