using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class ProjectInvitationConfiguration : IEntityTypeConfiguration<ProjectInvitation>
{
    public void Configure(EntityTypeBuilder<ProjectInvitation> invitation)
    {
        invitation.Property(i => i.TokenSha256).HasMaxLength(64).IsRequired();
        invitation.HasIndex(i => i.TokenSha256).IsUnique();
        invitation.HasIndex(i => i.ProjectId);
        invitation.HasOne<Project>().WithMany().HasForeignKey(i => i.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
