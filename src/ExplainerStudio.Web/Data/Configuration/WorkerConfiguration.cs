using ExplainerStudio.Web.Workers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExplainerStudio.Web.Data.Configuration;

internal sealed class WorkerConfiguration : IEntityTypeConfiguration<Worker>
{
    public void Configure(EntityTypeBuilder<Worker> worker)
    {
        worker.ToTable("Workers");
        worker.HasKey(w => w.Id);
        worker.Property(w => w.Id).HasMaxLength(200);
        worker.Property(w => w.Host).HasMaxLength(100);
        worker.Property(w => w.Version).HasMaxLength(50);
        worker.Property(w => w.ExecutionProvider).HasMaxLength(200);
        worker.HasIndex(w => w.HeartbeatAt);
    }
}
