using ExplainerStudio.Media.Timeline;
using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Collaboration.Activity;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>
/// Turns a script into scenes, shots, dialogue and characters: previewed first (a <see cref="ScriptImportPlan"/> the
/// user may adjust), then written all-or-nothing in one transaction, timeline transitions included.
/// </summary>
public sealed class ScriptImporter(
    IDbContextFactory<StudioDbContext> contextFactory,
    ProjectAccess access,
    IOptions<ImportOptions> importOptions,
    IOptions<TimelineOptions> timelineOptions,
    TimeProvider clock,
    ProjectChangePublisher changes)
{
    /// <summary>Crossfades keep the timeline's default length; a fade through black takes a little longer to read as one.</summary>
    private const double CrossfadeSeconds = 0.5;
    private const double FadeSeconds = 1.0;

    public ScriptImportSettings Settings => importOptions.Value.ToSettings(timelineOptions.Value);

    public int MaxScriptBytes => importOptions.Value.MaxScriptBytes;

    public Task<ScriptImportPlan> PreviewAsync(int projectId, string userId, string script, CancellationToken cancellationToken = default) =>
        PreviewAsync(projectId, userId, script, ScriptFormat.Auto, cancellationToken);

    public async Task<ScriptImportPlan> PreviewAsync(int projectId, string userId, string script, ScriptFormat format, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var existing = await ExistingAsync(context, projectId, cancellationToken);
        return ScriptParser.Parse(script, Settings, existing, format);
    }

    /// <summary>Parses again (the project may have changed since the preview) and writes everything in one transaction.</summary>
    public Task<ScriptImportPlan> ImportAsync(int projectId, string userId, string script, CancellationToken cancellationToken = default) =>
        ImportAsync(projectId, userId, script, ScriptFormat.Auto, cancellationToken);

    public async Task<ScriptImportPlan> ImportAsync(int projectId, string userId, string script, ScriptFormat format, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var plan = ScriptParser.Parse(script, Settings, await ExistingAsync(context, projectId, cancellationToken), format);
        await WriteAsync(context, projectId, plan, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublishImportAsync(projectId, userId, plan);
        return plan;
    }

    /// <summary>Writes a previewed (and perhaps adjusted) plan, checked again against the limits and the editor's rules.</summary>
    public async Task<ScriptImportPlan> ImportAsync(int projectId, string userId, ScriptImportPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        ImportPlanValidator.Validate(plan, Settings);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await WriteAsync(context, projectId, plan, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublishImportAsync(projectId, userId, plan);
        return plan;
    }

    private Task PublishImportAsync(int projectId, string userId, ScriptImportPlan plan) =>
        changes.PublishAsync(projectId, ProjectChangeKind.Project, projectId, null, userId,
            $"imported a script ({plan.Scenes.Count} scene(s), {plan.ShotCount} shot(s))");

    private static async Task<List<ImportCharacter>> ExistingAsync(StudioDbContext context, int projectId, CancellationToken cancellationToken) =>
        await context.Characters.Where(c => c.ProjectId == projectId).OrderBy(c => c.Name)
            .Select(c => new ImportCharacter(c.Name, false, c.Voice, c.Pitch, c.Rate, c.Description))
            .ToListAsync(cancellationToken);

    private async Task WriteAsync(StudioDbContext context, int projectId, ScriptImportPlan plan, CancellationToken cancellationToken)
    {
        using var activity = ActivityActor.Group(ActivityKind.Import, "imported a script");
        var project = await context.Projects.FirstAsync(p => p.Id == projectId, cancellationToken);
        var characters = await context.Characters.Where(c => c.ProjectId == projectId).ToListAsync(cancellationToken);
        var byName = characters.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var planned in plan.Characters)
        {
            if (byName.ContainsKey(planned.Name))
            {
                continue;
            }
            if (!planned.IsNew)
            {
                throw new StudioInputException($"The character '{planned.Name}' was deleted after the preview; preview the script again.");
            }
            var character = new Character
            {
                ProjectId = projectId,
                Name = StoryboardRules.RequireName(planned.Name, "character", 80),
                Description = planned.Description,
                Voice = planned.Voice,
                Pitch = planned.Pitch,
                Rate = planned.Rate,
            };
            context.Characters.Add(character);
            byName[planned.Name] = character;
        }

        var lockedSets = await context.ReferenceSets
            .Where(r => r.IsLocked && r.Character!.ProjectId == projectId)
            .GroupBy(r => r.CharacterId)
            .Select(g => new { CharacterId = g.Key, SetId = g.OrderByDescending(r => r.Number).Select(r => r.Id).First() })
            .ToDictionaryAsync(x => x.CharacterId, x => x.SetId, cancellationToken);

        var narrator = plan.Settings.Narrator.Name;
        var now = clock.GetUtcNow();
        var position = await context.Scenes.Where(s => s.ProjectId == projectId).Select(s => (int?)s.Position).MaxAsync(cancellationToken) ?? -1;
        foreach (var importScene in plan.Scenes)
        {
            var scene = new Scene { ProjectId = projectId, Title = importScene.Title, Position = ++position };
            for (var i = 0; i < importScene.Shots.Count; i++)
            {
                var importShot = importScene.Shots[i];
                var shot = StoryboardRules.NewShot(importShot.Title, now);
                shot.Position = i;
                shot.Description = ScriptImportPlan.StoredDescription(importShot);
                shot.Prompt = importShot.Title;
                shot.DurationSeconds = importShot.EstimatedSeconds;
                shot.Dialogue = [.. importShot.Dialogue.Select((line, index) => new DialogueLine
                {
                    Position = index,
                    Character = byName[line.Speaker],
                    Text = line.Text,
                })];
                // The Narrator is heard, not seen: only the other speakers are placed in frame.
                var speakers = importShot.Dialogue.Where(d => !string.Equals(d.Speaker, narrator, StringComparison.OrdinalIgnoreCase))
                    .Select(d => byName[d.Speaker]).Distinct().ToList();
                shot.Characters = [.. speakers.Select((character, index) => new ShotCharacter
                {
                    Character = character,
                    X = (index + 1.0) / (speakers.Count + 1.0),
                    Y = 0.6,
                    Scale = 0.7,
                    ZOrder = index,
                    ReferenceSetId = character.Id != 0 && lockedSets.TryGetValue(character.Id, out var setId) ? setId : null,
                })];
                scene.Shots.Add(shot);
                if (importShot.TransitionAfter is { } transition and not TransitionKind.Cut)
                {
                    context.TimelineCuts.Add(new TimelineCut
                    {
                        Shot = shot,
                        Transition = transition,
                        TransitionSeconds = transition == TransitionKind.Crossfade ? CrossfadeSeconds : FadeSeconds,
                    });
                }
            }
            context.Scenes.Add(scene);
        }

        if (plan.ProjectSettings is { } settings)
        {
            await ApplyAsync(context, project, settings, cancellationToken);
        }
        project.UpdatedAt = now;
        await context.SaveChangesAsync(cancellationToken);
    }

    private static async Task ApplyAsync(StudioDbContext context, Project project, ImportProjectSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Title is { } title && !string.Equals(title, project.Name, StringComparison.Ordinal))
        {
            var owners = context.ProjectMembers.Where(m => m.ProjectId == project.Id && m.Role == ProjectRole.Owner).Select(m => m.UserId);
            var taken = await context.ProjectMembers.AnyAsync(m => m.ProjectId != project.Id && m.Role == ProjectRole.Owner && owners.Contains(m.UserId)
                && EF.Functions.Collate(m.Project!.Name, "NOCASE") == title, cancellationToken);
            if (taken)
            {
                throw new StudioInputException(
                    $"The script's title '{title}' would rename the project, but its owner already has a project of that name. Change the title or keep the project's name.");
            }
            project.Name = title;
        }
        project.Description = settings.Description ?? project.Description;
        project.Width = settings.Width ?? project.Width;
        project.Height = settings.Height ?? project.Height;
        project.FrameRate = settings.FrameRate ?? project.FrameRate;
    }
}
