using ExplainerStudio.Web.Collaboration.Comments;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> comment)
    {
        comment.Property(c => c.Body).IsRequired();
        comment.HasIndex(c => new { c.ShotId, c.TakeId });
        comment.HasIndex(c => c.ProjectId);
        comment.HasIndex(c => c.ThreadId);
        comment.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
        comment.HasOne<Shot>().WithMany().HasForeignKey(c => c.ShotId).OnDelete(DeleteBehavior.Cascade);
        comment.HasOne<Take>().WithMany().HasForeignKey(c => c.TakeId).OnDelete(DeleteBehavior.Cascade);
        comment.HasOne<Comment>().WithMany().HasForeignKey(c => c.ThreadId).OnDelete(DeleteBehavior.Cascade);
        comment.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorUserId).OnDelete(DeleteBehavior.Cascade);
        comment.HasMany(c => c.Mentions).WithOne().HasForeignKey(m => m.CommentId).OnDelete(DeleteBehavior.Cascade);
    }
}
