using ExplainerStudio.Web.Characters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class CharacterConfiguration : IEntityTypeConfiguration<Character>
{
    public void Configure(EntityTypeBuilder<Character> character)
    {
        // Names are unique per project regardless of case ("Ada" and "ada" are one speaker in a script).
        character.Property(c => c.Name).HasMaxLength(80).IsRequired().UseCollation("NOCASE");
        character.Property(c => c.Version).IsConcurrencyToken();
        character.HasIndex(c => new { c.ProjectId, c.Name }).IsUnique();
        character.HasMany(c => c.ReferenceSets).WithOne(r => r.Character!).HasForeignKey(r => r.CharacterId).OnDelete(DeleteBehavior.Cascade);
    }
}
