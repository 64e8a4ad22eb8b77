using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class ShotConfiguration : IEntityTypeConfiguration<Shot>
{
    public void Configure(EntityTypeBuilder<Shot> shot)
    {
        shot.Property(s => s.Title).HasMaxLength(200).IsRequired();
        shot.Property(s => s.Version).IsConcurrencyToken();
        shot.HasIndex(s => new { s.SceneId, s.Position });
        // Deleted shots stay in the table until undo expires; every query sees only live ones.
        shot.HasQueryFilter(s => s.DeletedAt == null);
        shot.HasMany(s => s.Characters).WithOne(c => c.Shot!).HasForeignKey(c => c.ShotId).OnDelete(DeleteBehavior.Cascade);
        shot.HasMany(s => s.Dialogue).WithOne(d => d.Shot!).HasForeignKey(d => d.ShotId).OnDelete(DeleteBehavior.Cascade);
    }
}
