using ExplainerStudio.Web.Characters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class ReferenceImageConfiguration : IEntityTypeConfiguration<ReferenceImage>
{
    public void Configure(EntityTypeBuilder<ReferenceImage> image)
    {
        image.Property(i => i.Sha256).HasMaxLength(64).IsRequired();
        image.HasIndex(i => new { i.ReferenceSetId, i.Position });
        image.HasOne(i => i.Content).WithOne().HasForeignKey<ReferenceImageContent>(c => c.ReferenceImageId).OnDelete(DeleteBehavior.Cascade);
    }
}
