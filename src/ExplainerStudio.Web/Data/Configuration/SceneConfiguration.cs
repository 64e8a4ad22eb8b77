using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class SceneConfiguration : IEntityTypeConfiguration<Scene>
{
    public void Configure(EntityTypeBuilder<Scene> scene)
    {
        scene.Property(s => s.Title).HasMaxLength(200).IsRequired();
        scene.Property(s => s.Version).IsConcurrencyToken();
        scene.HasIndex(s => new { s.ProjectId, s.Position });
        scene.HasMany(s => s.Shots).WithOne(s => s.Scene!).HasForeignKey(s => s.SceneId).OnDelete(DeleteBehavior.Cascade);
    }
}
