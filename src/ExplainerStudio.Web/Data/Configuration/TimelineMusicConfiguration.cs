using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class TimelineMusicConfiguration : IEntityTypeConfiguration<TimelineMusic>
{
    public void Configure(EntityTypeBuilder<TimelineMusic> music)
    {
        music.HasKey(m => m.ProjectId);
        music.Property(m => m.Sha256).HasMaxLength(64).IsRequired();
        music.HasOne<Project>().WithOne().HasForeignKey<TimelineMusic>(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
