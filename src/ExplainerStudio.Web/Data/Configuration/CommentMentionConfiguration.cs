using ExplainerStudio.Web.Collaboration.Comments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class CommentMentionConfiguration : IEntityTypeConfiguration<CommentMention>
{
    public void Configure(EntityTypeBuilder<CommentMention> mention)
    {
        mention.HasIndex(m => new { m.CommentId, m.UserId }).IsUnique();
        mention.HasIndex(m => m.UserId);
        mention.HasOne<StudioUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
