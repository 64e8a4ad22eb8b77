using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class TakeDecisionConfiguration : IEntityTypeConfiguration<TakeDecision>
{
    public void Configure(EntityTypeBuilder<TakeDecision> decision)
    {
        decision.HasKey(d => d.TakeId);
        decision.HasIndex(d => d.ProjectId);
        decision.HasOne<Take>().WithOne().HasForeignKey<TakeDecision>(d => d.TakeId).OnDelete(DeleteBehavior.Cascade);
    }
}
