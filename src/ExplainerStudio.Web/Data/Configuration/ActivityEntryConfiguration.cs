using ExplainerStudio.Web.Collaboration.Activity;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class ActivityEntryConfiguration : IEntityTypeConfiguration<ActivityEntry>
{
    public void Configure(EntityTypeBuilder<ActivityEntry> entry)
    {
        entry.ToTable("ActivityEntries");
        entry.Property(a => a.Summary).HasMaxLength(1000).IsRequired();
        entry.Property(a => a.ChangesJson).IsRequired();
        entry.Property(a => a.ActorName).HasMaxLength(256);
        // The log is read newest first per project, and per shot for a shot's history. Entries keep plain ids of what
        // they are about (no foreign keys), so they outlive a deleted shot or a removed member; only the project owns them.
        entry.HasIndex(a => new { a.ProjectId, a.Id });
        entry.HasIndex(a => new { a.ShotId, a.Id });
        entry.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
