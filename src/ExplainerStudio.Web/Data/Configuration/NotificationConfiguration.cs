using ExplainerStudio.Web.Collaboration.Notifications;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.Property(n => n.Title).HasMaxLength(300).IsRequired();
        notification.Property(n => n.Detail).HasMaxLength(300).IsRequired();
        notification.Property(n => n.Link).HasMaxLength(300).IsRequired();
        notification.Property(n => n.SourceKey).HasMaxLength(200).IsRequired();
        notification.HasIndex(n => new { n.UserId, n.SourceKey }).IsUnique();
        notification.HasIndex(n => new { n.UserId, n.ReadAt });
        notification.HasOne(n => n.User).WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        notification.HasOne<Project>().WithMany().HasForeignKey(n => n.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
