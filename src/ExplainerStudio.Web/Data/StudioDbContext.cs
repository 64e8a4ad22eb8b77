using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Comments;
using ExplainerStudio.Web.Collaboration.Notifications;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Review;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Timeline;
using ExplainerStudio.Web.Workers;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ExplainerStudio.Web.Data;

public sealed class StudioDbContext(DbContextOptions<StudioDbContext> options) : IdentityDbContext<StudioUser>(options)
{
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectMember> ProjectMembers => Set<ProjectMember>();
    public DbSet<ProjectInvitation> ProjectInvitations => Set<ProjectInvitation>();
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
    public DbSet<SpeechDuration> SpeechDurations => Set<SpeechDuration>();
    public DbSet<TakeScore> TakeScores => Set<TakeScore>();
    public DbSet<CharacterDrift> CharacterDrifts => Set<CharacterDrift>();
    public DbSet<CutSeam> CutSeams => Set<CutSeam>();
    public DbSet<ReviewThresholds> ReviewThresholds => Set<ReviewThresholds>();
    public DbSet<TakeDecision> TakeDecisions => Set<TakeDecision>();
    public DbSet<TakeRegeneration> TakeRegenerations => Set<TakeRegeneration>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<CommentMention> CommentMentions => Set<CommentMention>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ShotContributor> ShotContributors => Set<ShotContributor>();
    public DbSet<Worker> Workers => Set<Worker>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; a sortable integer can.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // One IEntityTypeConfiguration per entity, in Data/Configuration.
        builder.ApplyConfigurationsFromAssembly(typeof(StudioDbContext).Assembly);
    }
}
