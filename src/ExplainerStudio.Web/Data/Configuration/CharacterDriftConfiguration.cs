using ExplainerStudio.Web.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class CharacterDriftConfiguration : IEntityTypeConfiguration<CharacterDrift>
{
    public void Configure(EntityTypeBuilder<CharacterDrift> drift)
    {
        drift.HasIndex(d => new { d.TakeScoreId, d.CharacterId }).IsUnique();
        drift.HasIndex(d => new { d.ProjectId, d.Score });
        drift.HasIndex(d => d.TakeId);
        drift.Property(d => d.CharacterName).HasMaxLength(200);
    }
}
