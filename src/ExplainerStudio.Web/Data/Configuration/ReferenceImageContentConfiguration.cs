using ExplainerStudio.Web.Characters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

/// <summary>The image bytes live in their own table so that listing a set never loads its blobs.</summary>
internal sealed class ReferenceImageContentConfiguration : IEntityTypeConfiguration<ReferenceImageContent>
{
    public void Configure(EntityTypeBuilder<ReferenceImageContent> content) => content.HasKey(c => c.ReferenceImageId);
}
