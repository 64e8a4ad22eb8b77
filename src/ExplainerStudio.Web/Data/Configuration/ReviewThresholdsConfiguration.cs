using ExplainerStudio.Web.Review;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class ReviewThresholdsConfiguration : IEntityTypeConfiguration<ReviewThresholds>
{
    public void Configure(EntityTypeBuilder<ReviewThresholds> thresholds)
    {
        thresholds.HasKey(t => t.ProjectId);
        thresholds.HasOne<Project>().WithOne().HasForeignKey<ReviewThresholds>(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
