using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Storyboards;

/// <summary>
/// Projects, scenes and shots. Every method checks the caller's membership first and uses a short-lived context, so
/// a Blazor circuit never holds database state between user actions.
/// </summary>
public sealed class StoryboardService(
    IDbContextFactory<StudioDbContext> contextFactory,
    ProjectAccess access,
    StudioFiles files,
    TimeProvider clock,
    ProjectChangePublisher changes,
    ProjectSnapshots snapshots)
{
    public async Task<IReadOnlyList<ProjectSummary>> ListProjectsAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await context.ProjectMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Select(m => new
            {
                m.Project!.Id,
                m.Project.Name,
                m.Project.Description,
                m.Role,
                Scenes = m.Project.Scenes.Count,
                Shots = m.Project.Scenes.SelectMany(s => s.Shots).Count(),
                Characters = m.Project.Characters.Count,
                m.Project.UpdatedAt,
            })
            .ToListAsync(cancellationToken);
        return rows
            .OrderByDescending(r => r.UpdatedAt)
            .Select(r => new ProjectSummary(r.Id, r.Name, r.Description, r.Role, r.Scenes, r.Shots, r.Characters, r.UpdatedAt))
            .ToList();
    }

    public async Task<int> CreateProjectAsync(string userId, string name, string description, CancellationToken cancellationToken = default)
    {
        name = StoryboardRules.RequireName(name, "project", 120);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var taken = await context.ProjectMembers.AnyAsync(
            m => m.UserId == userId && m.Role == ProjectRole.Owner && EF.Functions.Collate(m.Project!.Name, "NOCASE") == name, cancellationToken);
        if (taken)
        {
            throw new StudioInputException($"You already own a project named '{name}'. Choose another name.");
        }

        var now = clock.GetUtcNow();
        var project = new Project { Name = name, Description = description.Trim(), CreatedAt = now, UpdatedAt = now };
        project.Members.Add(new ProjectMember { UserId = userId, Role = ProjectRole.Owner, AddedAt = now });
        context.Projects.Add(project);
        await context.SaveChangesAsync(cancellationToken);
        return project.Id;
    }

    public async Task DeleteProjectAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Owner, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.Projects.Where(p => p.Id == projectId).ExecuteDeleteAsync(cancellationToken);
        await changes.PublishAsync(projectId, ProjectChangeKind.Project, projectId, null, userId, "deleted the project");
    }

    public async Task<StoryboardView> GetStoryboardAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        var role = await access.RequireAsync(projectId, userId, ProjectRole.Viewer, cancellationToken);
        // Every open page re-reading for the same change shares one read of the rows (the role above stays per user).
        var board = await snapshots.ReadAsync(projectId, "storyboard", c => ReadStoryboardAsync(projectId, role, c), cancellationToken);
        return board with { Role = role };
    }

    private async Task<StoryboardView> ReadStoryboardAsync(int projectId, ProjectRole role, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var project = await context.Projects.AsNoTracking().FirstAsync(p => p.Id == projectId, cancellationToken);
        var scenes = await context.Scenes.AsNoTracking()
            .Where(s => s.ProjectId == projectId)
            .Include(s => s.Shots).ThenInclude(s => s.Characters).ThenInclude(c => c.ReferenceSet)
            .Include(s => s.Shots).ThenInclude(s => s.Dialogue)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var characters = await LoadCharacterRefsAsync(context, projectId, cancellationToken);
        var byId = characters.ToDictionary(c => c.Id);

        var sceneViews = scenes.OrderBy(s => s.Position).Select(scene => new SceneView(
            scene.Id, scene.Position, scene.Title, scene.Version,
            scene.Shots.OrderBy(s => s.Position).Select(shot => ToView(shot, byId)).ToList())).ToList();
        return new StoryboardView(project.Id, project.Name, project.Description, project.Version, project.FrameRate,
            project.Width, project.Height, role, sceneViews, characters);
    }

    internal static async Task<List<CharacterRef>> LoadCharacterRefsAsync(StudioDbContext context, int projectId, CancellationToken cancellationToken)
    {
        var rows = await context.Characters.AsNoTracking()
            .Where(c => c.ProjectId == projectId)
            .Select(c => new
            {
                c.Id,
                c.Name,
                Locked = c.ReferenceSets.Where(r => r.IsLocked).OrderByDescending(r => r.Number)
                    .Select(r => new { r.Number, Cover = r.Images.OrderBy(i => i.Position).Select(i => (int?)i.Id).FirstOrDefault() })
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .Select(r => new CharacterRef(r.Id, r.Name, r.Locked?.Number, r.Locked?.Cover))
            .ToList();
    }

    private static ShotView ToView(Shot shot, IReadOnlyDictionary<int, CharacterRef> characters) => new(
        shot.Id, shot.SceneId, shot.Position, shot.Title, shot.Description, shot.Prompt, shot.NegativePrompt,
        shot.CameraMove, shot.DurationSeconds, shot.Seed, shot.ModelPack, shot.Scheduler, shot.Steps, shot.Guidance,
        shot.ReferenceStrength, shot.Status, shot.Version,
        shot.Characters.OrderBy(c => c.ZOrder).Select(c => new PlacementView(
            c.CharacterId, characters.TryGetValue(c.CharacterId, out var ch) ? ch.Name : "?", c.X, c.Y, c.Scale, c.ZOrder,
            c.ReferenceSet?.Number, characters.TryGetValue(c.CharacterId, out var current) ? current.LockedSetNumber : null)).ToList(),
        shot.Dialogue.OrderBy(d => d.Position).Select(d => new DialogueView(
            d.Id, d.Position, d.CharacterId, characters.TryGetValue(d.CharacterId, out var speaker) ? speaker.Name : "?", d.Text)).ToList());

    public async Task<int> AddSceneAsync(int projectId, string userId, string title, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        title = StoryboardRules.RequireName(title, "scene", 200);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        // The transaction takes SQLite's write lock before reading the last position, so two editors adding at once
        // cannot both take the same one.
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var position = await context.Scenes.Where(s => s.ProjectId == projectId).Select(s => (int?)s.Position).MaxAsync(cancellationToken) ?? -1;
        var scene = new Scene { ProjectId = projectId, Title = title, Position = position + 1 };
        context.Scenes.Add(scene);
        await TouchProjectAsync(context, projectId, cancellationToken);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.PublishAsync(projectId, ProjectChangeKind.Scene, scene.Id, null, userId, $"added scene '{title}'");
        return scene.Id;
    }

    public async Task RenameSceneAsync(int sceneId, int version, string userId, string title, CancellationToken cancellationToken = default)
    {
        title = StoryboardRules.RequireName(title, "scene", 200);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var scene = await context.Scenes.FirstOrDefaultAsync(s => s.Id == sceneId, cancellationToken)
            ?? throw new NotFoundException("That scene no longer exists; someone may have deleted it. Reload the storyboard.");
        await access.RequireAsync(scene.ProjectId, userId, ProjectRole.Editor, cancellationToken);
        Versioning.Expect(context, scene, version, $"Scene '{scene.Title}'");
        scene.Title = title;
        await TouchProjectAsync(context, scene.ProjectId, cancellationToken);
        await Versioning.SaveAsync(context, $"Scene '{scene.Title}'", cancellationToken);
        await changes.PublishAsync(scene.ProjectId, ProjectChangeKind.Scene, scene.Id, null, userId, $"renamed a scene to '{title}'");
    }

    public async Task DeleteSceneAsync(int sceneId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var scene = await context.Scenes.FirstOrDefaultAsync(s => s.Id == sceneId, cancellationToken)
            ?? throw new NotFoundException("That scene no longer exists. Reload the storyboard.");
        await access.RequireAsync(scene.ProjectId, userId, ProjectRole.Editor, cancellationToken);
        context.Scenes.Remove(scene);
        await TouchProjectAsync(context, scene.ProjectId, cancellationToken);
        await context.SaveChangesAsync(cancellationToken);
        await RenumberScenesAsync(context, scene.ProjectId, cancellationToken);
        await changes.PublishAsync(scene.ProjectId, ProjectChangeKind.Scene, scene.Id, null, userId, $"deleted scene '{scene.Title}'");
    }

    public async Task MoveSceneAsync(int sceneId, int newIndex, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var scene = await context.Scenes.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sceneId, cancellationToken)
            ?? throw new NotFoundException("That scene no longer exists. Reload the storyboard.");
        await access.RequireAsync(scene.ProjectId, userId, ProjectRole.Editor, cancellationToken);
        var scenes = await context.Scenes.Where(s => s.ProjectId == scene.ProjectId).OrderBy(s => s.Position).ToListAsync(cancellationToken);
        var moving = scenes.First(s => s.Id == sceneId);
        scenes.Remove(moving);
        scenes.Insert(Math.Clamp(newIndex, 0, scenes.Count), moving);
        for (var i = 0; i < scenes.Count; i++)
        {
            scenes[i].Position = i;
        }
        await TouchProjectAsync(context, scene.ProjectId, cancellationToken);
        await context.SaveChangesAsync(cancellationToken);
        await changes.PublishAsync(scene.ProjectId, ProjectChangeKind.Scene, scene.Id, null, userId, $"moved scene '{scene.Title}'");
    }

    public async Task<int> AddShotAsync(int sceneId, string userId, string title, CancellationToken cancellationToken = default)
    {
        title = StoryboardRules.RequireName(title, "shot", 200);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var scene = await context.Scenes.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sceneId, cancellationToken)
            ?? throw new NotFoundException("That scene no longer exists. Reload the storyboard.");
        await access.RequireAsync(scene.ProjectId, userId, ProjectRole.Editor, cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var position = await context.Shots.Where(s => s.SceneId == sceneId).Select(s => (int?)s.Position).MaxAsync(cancellationToken) ?? -1;
        var shot = StoryboardRules.NewShot(title, clock.GetUtcNow());
        shot.SceneId = sceneId;
        shot.Position = position + 1;
        context.Shots.Add(shot);
        await TouchProjectAsync(context, scene.ProjectId, cancellationToken);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.PublishAsync(scene.ProjectId, ProjectChangeKind.Shot, shot.Id, shot.Id, userId, $"added shot '{title}'");
        return shot.Id;
    }

    public async Task<int> UpdateShotAsync(ShotEdit edit, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var shot = await context.Shots
            .Include(s => s.Characters).Include(s => s.Dialogue).Include(s => s.Scene)
            .FirstOrDefaultAsync(s => s.Id == edit.ShotId, cancellationToken)
            ?? throw new NotFoundException("That shot no longer exists; someone may have deleted it. Reload the storyboard.");
        var projectId = shot.Scene!.ProjectId;
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        Versioning.Expect(context, shot, edit.Version, $"Shot '{shot.Title}'");
        StoryboardRules.Validate(edit);

        var characterIds = edit.Characters.Select(c => c.CharacterId).Concat(edit.Dialogue.Select(d => d.CharacterId)).Distinct().ToList();
        var known = await context.Characters.Where(c => c.ProjectId == projectId && characterIds.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                LockedSetId = c.ReferenceSets.Where(r => r.IsLocked).OrderByDescending(r => r.Number).Select(r => (int?)r.Id).FirstOrDefault(),
            })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var unknown = characterIds.Where(id => !known.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            throw new StudioInputException("A character in this shot no longer exists in the project. Reload the shot and try again.");
        }

        var changedFields = ChangedFields(shot, edit);
        shot.Title = edit.Title.Trim();
        shot.Description = edit.Description;
        shot.Prompt = edit.Prompt.Trim();
        shot.NegativePrompt = edit.NegativePrompt.Trim();
        shot.CameraMove = edit.CameraMove;
        shot.DurationSeconds = edit.DurationSeconds;
        shot.Seed = edit.Seed;
        shot.Steps = edit.Steps;
        shot.Guidance = edit.Guidance;
        shot.ReferenceStrength = edit.ReferenceStrength;
        shot.UpdatedAt = clock.GetUtcNow();

        // Keep existing placements (and their reference pin); new ones pin the character's current locked set.
        var wanted = edit.Characters.ToDictionary(c => c.CharacterId);
        context.ShotCharacters.RemoveRange(shot.Characters.Where(c => !wanted.ContainsKey(c.CharacterId)));
        foreach (var placement in edit.Characters)
        {
            var existing = shot.Characters.FirstOrDefault(c => c.CharacterId == placement.CharacterId);
            if (existing is null)
            {
                existing = new ShotCharacter { CharacterId = placement.CharacterId, ReferenceSetId = known[placement.CharacterId].LockedSetId };
                shot.Characters.Add(existing);
            }
            existing.X = placement.X;
            existing.Y = placement.Y;
            existing.Scale = placement.Scale;
            existing.ZOrder = placement.ZOrder;
        }

        var removedLines = MergeDialogue(shot, edit.Dialogue);
        var releasedFiles = removedLines.Count == 0 ? [] : await context.DialogueAudio
            .Where(a => removedLines.Contains(a.DialogueLineId)).Select(a => a.FilePath).ToListAsync(cancellationToken);

        await TouchProjectAsync(context, projectId, cancellationToken);
        await Versioning.SaveAsync(context, $"Shot '{shot.Title}'", cancellationToken);
        // The removed lines' recorded takes went with them (cascade); their files go once the commit has happened.
        await files.ReleaseAsync(releasedFiles, cancellationToken);
        await changes.PublishAsync(projectId, ProjectChangeKind.Shot, shot.Id, shot.Id, userId, $"changed the {changedFields} of shot '{shot.Title}'");
        return shot.Version;
    }

    /// <summary>Names what an edit changes, for the message the other members see ("title and prompt").</summary>
    private static string ChangedFields(Shot shot, ShotEdit edit)
    {
        var fields = new List<string>();
        void Add(bool changed, string name)
        {
            if (changed)
            {
                fields.Add(name);
            }
        }
        Add(shot.Title != edit.Title.Trim(), "title");
        Add(shot.Description != edit.Description, "description");
        Add(shot.Prompt != edit.Prompt.Trim(), "prompt");
        Add(shot.NegativePrompt != edit.NegativePrompt.Trim(), "negative prompt");
        Add(shot.CameraMove != edit.CameraMove, "camera move");
        Add(shot.DurationSeconds != edit.DurationSeconds, "duration");
        Add(shot.Seed != edit.Seed, "seed");
        Add(shot.Steps != edit.Steps || shot.Guidance != edit.Guidance || shot.ReferenceStrength != edit.ReferenceStrength, "generation settings");
        return fields.Count switch
        {
            0 => "characters or dialogue",
            1 => fields[0],
            _ => string.Join(", ", fields[..^1]) + " and " + fields[^1],
        };
    }

    /// <summary>
    /// Updates the shot's lines in place so that their ids (and the recorded takes attached to them) survive a save.
    /// A line edit names the line it changes by id; one without an id (a new line, or a client that does not send
    /// ids) takes over an unclaimed line with the same speaker and text, else it is a new line. Lines no edit claims
    /// are removed. Returns the ids of the removed lines.
    /// </summary>
    private static List<int> MergeDialogue(Shot shot, IReadOnlyList<DialogueEdit> edits)
    {
        var existing = shot.Dialogue.ToDictionary(d => d.Id);
        var unknown = edits.Where(e => e.Id is { } id && !existing.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            throw new StudioInputException("A dialogue line of this shot no longer exists; someone may have removed it. Reload the shot and try again.");
        }
        var claimed = new Dictionary<int, DialogueLine>();
        foreach (var edit in edits)
        {
            if (edit.Id is { } id && !claimed.TryAdd(id, existing[id]))
            {
                throw new StudioInputException("The same dialogue line appears twice in this shot. Reload the shot and try again.");
            }
        }

        var lines = new List<DialogueLine>(edits.Count);
        foreach (var edit in edits)
        {
            var text = edit.Text.Trim();
            var line = edit.Id is { } id
                ? existing[id]
                : shot.Dialogue.Where(d => !claimed.ContainsKey(d.Id) && d.CharacterId == edit.CharacterId && d.Text == text)
                    .OrderBy(d => d.Position).FirstOrDefault();
            if (line is null)
            {
                line = new DialogueLine();
                shot.Dialogue.Add(line);
            }
            else
            {
                claimed[line.Id] = line;
            }
            line.CharacterId = edit.CharacterId;
            line.Text = text;
            lines.Add(line);
        }

        var removed = shot.Dialogue.Where(d => d.Id != 0 && !claimed.ContainsKey(d.Id)).ToList();
        foreach (var line in removed)
        {
            shot.Dialogue.Remove(line);
        }
        for (var position = 0; position < lines.Count; position++)
        {
            lines[position].Position = position;
        }
        return [.. removed.Select(d => d.Id)];
    }

    /// <summary>Re-pins every character of the shot to its current locked reference set (clears "stale").</summary>
    public async Task RepinReferencesAsync(int shotId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var shot = await context.Shots.Include(s => s.Characters).Include(s => s.Scene)
            .FirstOrDefaultAsync(s => s.Id == shotId, cancellationToken)
            ?? throw new NotFoundException("That shot no longer exists. Reload the storyboard.");
        await access.RequireAsync(shot.Scene!.ProjectId, userId, ProjectRole.Editor, cancellationToken);
        foreach (var placement in shot.Characters)
        {
            placement.ReferenceSetId = await context.ReferenceSets
                .Where(r => r.CharacterId == placement.CharacterId && r.IsLocked)
                .OrderByDescending(r => r.Number).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        }
        shot.Version++;
        await Versioning.SaveAsync(context, $"Shot '{shot.Title}'", cancellationToken);
        await changes.PublishAsync(shot.Scene.ProjectId, ProjectChangeKind.Shot, shot.Id, shot.Id, userId, $"switched shot '{shot.Title}' to the latest references");
    }

    /// <summary>Deletes a shot so that <see cref="RestoreShotAsync"/> can bring it back where it was.</summary>
    public async Task DeleteShotAsync(int shotId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var shot = await context.Shots.Include(s => s.Scene).FirstOrDefaultAsync(s => s.Id == shotId, cancellationToken)
            ?? throw new NotFoundException("That shot no longer exists. Reload the storyboard.");
        await access.RequireAsync(shot.Scene!.ProjectId, userId, ProjectRole.Editor, cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        shot.DeletedAt = clock.GetUtcNow();
        await TouchProjectAsync(context, shot.Scene.ProjectId, cancellationToken);
        await context.SaveChangesAsync(cancellationToken);
        await RenumberShotsAsync(context, shot.SceneId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.PublishAsync(shot.Scene.ProjectId, ProjectChangeKind.Shot, shot.Id, shot.Id, userId, $"deleted shot '{shot.Title}'");
    }

    /// <summary>Undoes <see cref="DeleteShotAsync"/>: the shot returns to the place it was deleted from.</summary>
    public async Task RestoreShotAsync(int shotId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var shot = await context.Shots.IgnoreQueryFilters().Include(s => s.Scene)
            .FirstOrDefaultAsync(s => s.Id == shotId && s.DeletedAt != null, cancellationToken)
            ?? throw new NotFoundException("That shot cannot be restored any more; its scene may have been deleted.");
        await access.RequireAsync(shot.Scene!.ProjectId, userId, ProjectRole.Editor, cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var siblings = await context.Shots.Where(s => s.SceneId == shot.SceneId).OrderBy(s => s.Position).ToListAsync(cancellationToken);
        siblings.Insert(Math.Clamp(shot.Position, 0, siblings.Count), shot);
        for (var i = 0; i < siblings.Count; i++)
        {
            siblings[i].Position = i;
        }
        shot.DeletedAt = null;
        await TouchProjectAsync(context, shot.Scene.ProjectId, cancellationToken);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.PublishAsync(shot.Scene.ProjectId, ProjectChangeKind.Shot, shot.Id, shot.Id, userId, $"restored shot '{shot.Title}'");
    }

    public async Task<int> DuplicateShotAsync(int shotId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var source = await context.Shots.AsNoTracking()
            .Include(s => s.Characters).Include(s => s.Dialogue).Include(s => s.Scene)
            .FirstOrDefaultAsync(s => s.Id == shotId, cancellationToken)
            ?? throw new NotFoundException("That shot no longer exists. Reload the storyboard.");
        await access.RequireAsync(source.Scene!.ProjectId, userId, ProjectRole.Editor, cancellationToken);

        var copy = StoryboardRules.NewShot(StoryboardRules.CopyTitle(source.Title), clock.GetUtcNow());
        copy.SceneId = source.SceneId;
        copy.Position = source.Position + 1;
        copy.Description = source.Description;
        copy.Prompt = source.Prompt;
        copy.NegativePrompt = source.NegativePrompt;
        copy.CameraMove = source.CameraMove;
        copy.DurationSeconds = source.DurationSeconds;
        copy.Seed = source.Seed;
        copy.ModelPack = source.ModelPack;
        copy.Scheduler = source.Scheduler;
        copy.Steps = source.Steps;
        copy.Guidance = source.Guidance;
        copy.ReferenceStrength = source.ReferenceStrength;
        copy.Characters = source.Characters.Select(c => new ShotCharacter
        {
            CharacterId = c.CharacterId, X = c.X, Y = c.Y, Scale = c.Scale, ZOrder = c.ZOrder, ReferenceSetId = c.ReferenceSetId,
        }).ToList();
        copy.Dialogue = source.Dialogue.Select(d => new DialogueLine { CharacterId = d.CharacterId, Position = d.Position, Text = d.Text }).ToList();

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await context.Shots.Where(s => s.SceneId == source.SceneId && s.Position > source.Position)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Position, s => s.Position + 1), cancellationToken);
        context.Shots.Add(copy);
        await TouchProjectAsync(context, source.Scene.ProjectId, cancellationToken);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.PublishAsync(source.Scene.ProjectId, ProjectChangeKind.Shot, copy.Id, copy.Id, userId, $"duplicated shot '{source.Title}'");
        return copy.Id;
    }

    /// <summary>Moves a shot to <paramref name="newIndex"/> within <paramref name="targetSceneId"/> (the same or another scene of the project).</summary>
    public async Task MoveShotAsync(int shotId, int targetSceneId, int newIndex, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var shot = await context.Shots.Include(s => s.Scene).FirstOrDefaultAsync(s => s.Id == shotId, cancellationToken)
            ?? throw new NotFoundException("That shot no longer exists. Reload the storyboard.");
        var projectId = shot.Scene!.ProjectId;
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        var target = await context.Scenes.FirstOrDefaultAsync(s => s.Id == targetSceneId && s.ProjectId == projectId, cancellationToken)
            ?? throw new NotFoundException("The scene you moved the shot to no longer exists. Reload the storyboard.");

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var sourceSceneId = shot.SceneId;
        var siblings = await context.Shots.Where(s => s.SceneId == target.Id && s.Id != shotId).OrderBy(s => s.Position).ToListAsync(cancellationToken);
        siblings.Insert(Math.Clamp(newIndex, 0, siblings.Count), shot);
        shot.SceneId = target.Id;
        for (var i = 0; i < siblings.Count; i++)
        {
            siblings[i].Position = i;
        }
        await TouchProjectAsync(context, projectId, cancellationToken);
        await context.SaveChangesAsync(cancellationToken);
        if (sourceSceneId != target.Id)
        {
            await RenumberShotsAsync(context, sourceSceneId, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        await changes.PublishAsync(projectId, ProjectChangeKind.Shot, shot.Id, shot.Id, userId, $"moved shot '{shot.Title}'");
    }

    private static async Task RenumberShotsAsync(StudioDbContext context, int sceneId, CancellationToken cancellationToken)
    {
        var shots = await context.Shots.Where(s => s.SceneId == sceneId).OrderBy(s => s.Position).ToListAsync(cancellationToken);
        for (var i = 0; i < shots.Count; i++)
        {
            shots[i].Position = i;
        }
        await context.SaveChangesAsync(cancellationToken);
    }

    private static async Task RenumberScenesAsync(StudioDbContext context, int projectId, CancellationToken cancellationToken)
    {
        var scenes = await context.Scenes.Where(s => s.ProjectId == projectId).OrderBy(s => s.Position).ToListAsync(cancellationToken);
        for (var i = 0; i < scenes.Count; i++)
        {
            scenes[i].Position = i;
        }
        await context.SaveChangesAsync(cancellationToken);
    }

    private async Task TouchProjectAsync(StudioDbContext context, int projectId, CancellationToken cancellationToken)
    {
        var project = await context.Projects.FirstAsync(p => p.Id == projectId, cancellationToken);
        project.UpdatedAt = clock.GetUtcNow();
    }
}
