using ExplainerStudio.Web.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class DialogueAudioConfiguration : IEntityTypeConfiguration<DialogueAudio>
{
    public void Configure(EntityTypeBuilder<DialogueAudio> audio)
    {
        audio.HasKey(a => a.DialogueLineId);
        audio.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
        audio.HasQueryFilter(a => a.DialogueLine!.Shot!.DeletedAt == null);
        audio.HasOne(a => a.DialogueLine).WithOne().HasForeignKey<DialogueAudio>(a => a.DialogueLineId).OnDelete(DeleteBehavior.Cascade);
    }
}
