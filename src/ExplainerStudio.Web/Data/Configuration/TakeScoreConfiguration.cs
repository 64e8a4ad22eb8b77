using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Review;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class TakeScoreConfiguration : IEntityTypeConfiguration<TakeScore>
{
    public void Configure(EntityTypeBuilder<TakeScore> score)
    {
        // One score per take: rescoring replaces it.
        score.HasIndex(s => s.TakeId).IsUnique();
        score.HasIndex(s => s.ProjectId);
        score.Property(s => s.Note).HasMaxLength(2000);
        score.HasOne<Take>().WithMany().HasForeignKey(s => s.TakeId).OnDelete(DeleteBehavior.Cascade);
        score.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        score.HasMany(s => s.Characters).WithOne(c => c.TakeScore).HasForeignKey(c => c.TakeScoreId).OnDelete(DeleteBehavior.Cascade);
    }
}
