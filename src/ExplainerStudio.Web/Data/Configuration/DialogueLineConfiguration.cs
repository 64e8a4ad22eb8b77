using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class DialogueLineConfiguration : IEntityTypeConfiguration<DialogueLine>
{
    public void Configure(EntityTypeBuilder<DialogueLine> line)
    {
        line.HasIndex(l => new { l.ShotId, l.Position });
        line.HasQueryFilter(l => l.Shot!.DeletedAt == null);
        line.HasOne(l => l.Character).WithMany().HasForeignKey(l => l.CharacterId).OnDelete(DeleteBehavior.Cascade);
    }
}
