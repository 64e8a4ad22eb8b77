using ExplainerStudio.Web.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class TimelineCutConfiguration : IEntityTypeConfiguration<TimelineCut>
{
    public void Configure(EntityTypeBuilder<TimelineCut> cut)
    {
        cut.HasKey(c => c.ShotId);
        cut.HasQueryFilter(c => c.Shot!.DeletedAt == null);
        cut.HasOne(c => c.Shot).WithOne().HasForeignKey<TimelineCut>(c => c.ShotId).OnDelete(DeleteBehavior.Cascade);
    }
}
