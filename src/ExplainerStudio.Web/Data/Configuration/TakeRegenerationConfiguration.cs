using ExplainerStudio.Web.Review;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class TakeRegenerationConfiguration : IEntityTypeConfiguration<TakeRegeneration>
{
    public void Configure(EntityTypeBuilder<TakeRegeneration> regeneration)
    {
        regeneration.HasIndex(r => r.JobId).IsUnique();
        regeneration.HasIndex(r => r.PreviousTakeId);
        regeneration.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
