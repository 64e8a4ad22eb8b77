using ExplainerStudio.Web.Collaboration.Notifications;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class ShotContributorConfiguration : IEntityTypeConfiguration<ShotContributor>
{
    public void Configure(EntityTypeBuilder<ShotContributor> contributor)
    {
        contributor.HasIndex(c => new { c.ShotId, c.UserId }).IsUnique();
        contributor.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
        contributor.HasOne<Shot>().WithMany().HasForeignKey(c => c.ShotId).OnDelete(DeleteBehavior.Cascade);
        contributor.HasOne<StudioUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
