using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>Turns a Markdown script into scenes, shots, dialogue and characters: previewed first, then written all-or-nothing.</summary>
public sealed class ScriptImporter(
    IDbContextFactory<StudioDbContext> contextFactory,
    ProjectAccess access,
    IOptions<UploadOptions> uploadOptions,
    TimeProvider clock)
{
    public async Task<ScriptImportPlan> PreviewAsync(int projectId, string userId, string markdown, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var existing = await context.Characters.Where(c => c.ProjectId == projectId).Select(c => c.Name).ToListAsync(cancellationToken);
        return ScriptParser.Parse(markdown, uploadOptions.Value.MaxScriptBytes, existing);
    }

    /// <summary>Parses again (the project may have changed since the preview) and writes everything in one transaction.</summary>
    public async Task<ScriptImportPlan> ImportAsync(int projectId, string userId, string markdown, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);

        var characters = await context.Characters.Where(c => c.ProjectId == projectId).ToListAsync(cancellationToken);
        var plan = ScriptParser.Parse(markdown, uploadOptions.Value.MaxScriptBytes, characters.Select(c => c.Name).ToList());
        var byName = characters.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var name in plan.NewCharacters)
        {
            var character = new Character { ProjectId = projectId, Name = StoryboardRules.RequireName(name, "character", 80) };
            context.Characters.Add(character);
            byName[name] = character;
        }

        var lockedSets = await context.ReferenceSets
            .Where(r => r.IsLocked && r.Character!.ProjectId == projectId)
            .GroupBy(r => r.CharacterId)
            .Select(g => new { CharacterId = g.Key, SetId = g.OrderByDescending(r => r.Number).Select(r => r.Id).First() })
            .ToDictionaryAsync(x => x.CharacterId, x => x.SetId, cancellationToken);

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
                shot.Description = importShot.Description;
                shot.Prompt = importShot.Title;
                shot.Dialogue = importShot.Dialogue.Select((line, index) => new DialogueLine
                {
                    Position = index,
                    Character = byName[line.Speaker],
                    Text = line.Text,
                }).ToList();
                var speakers = importShot.Dialogue.Select(d => byName[d.Speaker]).Distinct().ToList();
                shot.Characters = speakers.Select((character, index) => new ShotCharacter
                {
                    Character = character,
                    X = (index + 1.0) / (speakers.Count + 1.0),
                    Y = 0.6,
                    Scale = 0.7,
                    ZOrder = index,
                    ReferenceSetId = character.Id != 0 && lockedSets.TryGetValue(character.Id, out var setId) ? setId : null,
                }).ToList();
                scene.Shots.Add(shot);
            }
            context.Scenes.Add(scene);
        }

        var project = await context.Projects.FirstAsync(p => p.Id == projectId, cancellationToken);
        project.UpdatedAt = now;
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return plan;
    }
}
