using ExplainerStudio.Web.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class SpeechDurationConfiguration : IEntityTypeConfiguration<SpeechDuration>
{
    public void Configure(EntityTypeBuilder<SpeechDuration> duration)
    {
        duration.HasKey(d => d.Key);
        duration.Property(d => d.Key).HasMaxLength(64);
    }
}
