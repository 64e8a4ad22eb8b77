using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> project)
    {
        project.Property(p => p.Name).HasMaxLength(120).IsRequired();
        project.Property(p => p.Version).IsConcurrencyToken();
        project.HasMany(p => p.Scenes).WithOne(s => s.Project!).HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        project.HasMany(p => p.Characters).WithOne(c => c.Project!).HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
        project.HasMany(p => p.Members).WithOne(m => m.Project!).HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
