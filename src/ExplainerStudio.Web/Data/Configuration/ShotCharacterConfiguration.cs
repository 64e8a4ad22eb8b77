using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class ShotCharacterConfiguration : IEntityTypeConfiguration<ShotCharacter>
{
    public void Configure(EntityTypeBuilder<ShotCharacter> placement)
    {
        placement.HasIndex(p => new { p.ShotId, p.CharacterId }).IsUnique();
        placement.HasQueryFilter(p => p.Shot!.DeletedAt == null);
        placement.HasOne(p => p.Character).WithMany().HasForeignKey(p => p.CharacterId).OnDelete(DeleteBehavior.Cascade);
        placement.HasOne(p => p.ReferenceSet).WithMany().HasForeignKey(p => p.ReferenceSetId).OnDelete(DeleteBehavior.SetNull);
    }
}
