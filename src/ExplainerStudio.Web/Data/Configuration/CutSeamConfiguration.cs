using ExplainerStudio.Web.Review;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class CutSeamConfiguration : IEntityTypeConfiguration<CutSeam>
{
    public void Configure(EntityTypeBuilder<CutSeam> seam)
    {
        seam.HasIndex(s => new { s.BeforeTakeId, s.AfterTakeId }).IsUnique();
        seam.HasIndex(s => s.ProjectId);
        seam.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
