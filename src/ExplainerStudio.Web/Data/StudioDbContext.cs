using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Timeline;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ExplainerStudio.Web.Data;

public sealed class StudioDbContext(DbContextOptions<StudioDbContext> options) : IdentityDbContext<StudioUser>(options)
{
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectMember> ProjectMembers => Set<ProjectMember>();
    public DbSet<Scene> Scenes => Set<Scene>();
    public DbSet<Shot> Shots => Set<Shot>();
    public DbSet<ShotCharacter> ShotCharacters => Set<ShotCharacter>();
    public DbSet<DialogueLine> DialogueLines => Set<DialogueLine>();
    public DbSet<Character> Characters => Set<Character>();
    public DbSet<ReferenceSet> ReferenceSets => Set<ReferenceSet>();
    public DbSet<ReferenceImage> ReferenceImages => Set<ReferenceImage>();
    public DbSet<ReferenceImageContent> ReferenceImageContents => Set<ReferenceImageContent>();
    public DbSet<RenderJob> RenderJobs => Set<RenderJob>();
    public DbSet<Take> Takes => Set<Take>();
    public DbSet<TimelineCut> TimelineCuts => Set<TimelineCut>();
    public DbSet<ExportJob> ExportJobs => Set<ExportJob>();
    public DbSet<DialogueAudio> DialogueAudio => Set<DialogueAudio>();
    public DbSet<TimelineMusic> TimelineMusic => Set<TimelineMusic>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; a sortable integer can.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Project>(project =>
        {
            project.Property(p => p.Name).HasMaxLength(120).IsRequired();
            project.Property(p => p.Version).IsConcurrencyToken();
            project.HasMany(p => p.Scenes).WithOne(s => s.Project!).HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
            project.HasMany(p => p.Characters).WithOne(c => c.Project!).HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
            project.HasMany(p => p.Members).WithOne(m => m.Project!).HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ProjectMember>(member =>
        {
            member.HasIndex(m => new { m.ProjectId, m.UserId }).IsUnique();
            member.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Scene>(scene =>
        {
            scene.Property(s => s.Title).HasMaxLength(200).IsRequired();
            scene.Property(s => s.Version).IsConcurrencyToken();
            scene.HasIndex(s => new { s.ProjectId, s.Position });
            scene.HasMany(s => s.Shots).WithOne(s => s.Scene!).HasForeignKey(s => s.SceneId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Shot>(shot =>
        {
            shot.Property(s => s.Title).HasMaxLength(200).IsRequired();
            shot.Property(s => s.Version).IsConcurrencyToken();
            shot.HasIndex(s => new { s.SceneId, s.Position });
            shot.HasQueryFilter(s => s.DeletedAt == null);
            shot.HasMany(s => s.Characters).WithOne(c => c.Shot!).HasForeignKey(c => c.ShotId).OnDelete(DeleteBehavior.Cascade);
            shot.HasMany(s => s.Dialogue).WithOne(d => d.Shot!).HasForeignKey(d => d.ShotId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ShotCharacter>(placement =>
        {
            placement.HasIndex(p => new { p.ShotId, p.CharacterId }).IsUnique();
            placement.HasQueryFilter(p => p.Shot!.DeletedAt == null);
            placement.HasOne(p => p.Character).WithMany().HasForeignKey(p => p.CharacterId).OnDelete(DeleteBehavior.Cascade);
            placement.HasOne(p => p.ReferenceSet).WithMany().HasForeignKey(p => p.ReferenceSetId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<DialogueLine>(line =>
        {
            line.HasIndex(l => new { l.ShotId, l.Position });
            line.HasQueryFilter(l => l.Shot!.DeletedAt == null);
            line.HasOne(l => l.Character).WithMany().HasForeignKey(l => l.CharacterId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Character>(character =>
        {
            character.Property(c => c.Name).HasMaxLength(80).IsRequired().UseCollation("NOCASE");
            character.Property(c => c.Version).IsConcurrencyToken();
            character.HasIndex(c => new { c.ProjectId, c.Name }).IsUnique();
            character.HasMany(c => c.ReferenceSets).WithOne(r => r.Character!).HasForeignKey(r => r.CharacterId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ReferenceSet>(set =>
        {
            set.Property(s => s.Version).IsConcurrencyToken();
            set.HasIndex(s => new { s.CharacterId, s.Number }).IsUnique();
            set.HasMany(s => s.Images).WithOne(i => i.ReferenceSet!).HasForeignKey(i => i.ReferenceSetId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ReferenceImage>(image =>
        {
            image.Property(i => i.Sha256).HasMaxLength(64).IsRequired();
            image.HasIndex(i => new { i.ReferenceSetId, i.Position });
            image.HasOne(i => i.Content).WithOne().HasForeignKey<ReferenceImageContent>(c => c.ReferenceImageId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ReferenceImageContent>().HasKey(c => c.ReferenceImageId);

        builder.Entity<RenderJob>(job =>
        {
            // A number, not the conventional string, so that the queue orders by it.
            job.Property(j => j.Priority).HasConversion<int>();
            job.HasIndex(j => new { j.Status, j.Priority, j.QueuedAt });
            job.HasIndex(j => new { j.ProjectId, j.ShotId });
            job.HasOne<Project>().WithMany().HasForeignKey(j => j.ProjectId).OnDelete(DeleteBehavior.Cascade);
            job.HasOne<Shot>().WithMany().HasForeignKey(j => j.ShotId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Take>(take =>
        {
            take.HasIndex(t => t.JobId).IsUnique();
            take.HasIndex(t => new { t.ShotId, t.CreatedAt });
            take.HasIndex(t => t.ProjectId);
            take.Property(t => t.KeyframeSha256).HasMaxLength(64);
            take.Property(t => t.ClipSha256).HasMaxLength(64);
            take.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
            take.HasOne<Shot>().WithMany().HasForeignKey(t => t.ShotId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<TimelineCut>(cut =>
        {
            cut.HasKey(c => c.ShotId);
            cut.HasQueryFilter(c => c.Shot!.DeletedAt == null);
            cut.HasOne(c => c.Shot).WithOne().HasForeignKey<TimelineCut>(c => c.ShotId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DialogueAudio>(audio =>
        {
            audio.HasKey(a => a.DialogueLineId);
            audio.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
            audio.HasQueryFilter(a => a.DialogueLine!.Shot!.DeletedAt == null);
            audio.HasOne(a => a.DialogueLine).WithOne().HasForeignKey<DialogueAudio>(a => a.DialogueLineId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<TimelineMusic>(music =>
        {
            music.HasKey(m => m.ProjectId);
            music.Property(m => m.Sha256).HasMaxLength(64).IsRequired();
            music.HasOne<Project>().WithOne().HasForeignKey<TimelineMusic>(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ExportJob>(job =>
        {
            job.HasIndex(j => new { j.ProjectId, j.CreatedAt });
            job.HasOne<Project>().WithMany().HasForeignKey(j => j.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
