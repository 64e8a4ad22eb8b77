using ExplainerStudio.Web.Collaboration.Approvals;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class ShotApprovalConfiguration : IEntityTypeConfiguration<ShotApproval>
{
    public void Configure(EntityTypeBuilder<ShotApproval> approval)
    {
        approval.ToTable("ShotApprovals");
        approval.HasIndex(a => a.ShotId).IsUnique();
        approval.HasIndex(a => a.ProjectId);
        approval.Property(a => a.Note).HasMaxLength(ApprovalRules.MaxNoteLength).IsRequired();
        approval.Property(a => a.ChangedByUserId).IsRequired();
        approval.Property(a => a.Version).IsConcurrencyToken();
        approval.HasOne<Shot>().WithMany().HasForeignKey(a => a.ShotId).OnDelete(DeleteBehavior.Cascade);
        approval.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
