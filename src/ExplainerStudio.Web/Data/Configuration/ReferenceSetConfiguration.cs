using ExplainerStudio.Web.Characters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class ReferenceSetConfiguration : IEntityTypeConfiguration<ReferenceSet>
{
    public void Configure(EntityTypeBuilder<ReferenceSet> set)
    {
        set.Property(s => s.Version).IsConcurrencyToken();
        set.HasIndex(s => new { s.CharacterId, s.Number }).IsUnique();
        set.HasMany(s => s.Images).WithOne(i => i.ReferenceSet!).HasForeignKey(i => i.ReferenceSetId).OnDelete(DeleteBehavior.Cascade);
    }
}
