using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Characters;

/// <summary>
/// Characters and their versioned reference sets. A draft set takes uploads; locking makes it immutable, and a change
/// after that starts the next version as a draft seeded with the locked images.
/// </summary>
public sealed class CharacterService(
    IDbContextFactory<StudioDbContext> contextFactory,
    ProjectAccess access,
    ReferenceImageIngest ingest,
    IOptions<UploadOptions> uploadOptions,
    TimeProvider clock,
    ProjectChangePublisher changes)
{
    public async Task<IReadOnlyList<CharacterSummary>> ListAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Viewer, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var characters = await context.Characters.AsNoTracking()
            .Where(c => c.ProjectId == projectId)
            .Select(c => new
            {
                c.Id,
                c.Name,
                c.Description,
                Locked = c.ReferenceSets.Where(r => r.IsLocked).OrderByDescending(r => r.Number)
                    .Select(r => new { r.Number, Cover = r.Images.OrderBy(i => i.Position).Select(i => (int?)i.Id).FirstOrDefault() })
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var usage = await context.ShotCharacters.AsNoTracking()
            .Where(p => p.Character!.ProjectId == projectId)
            .Select(p => new { p.CharacterId, Pinned = p.ReferenceSet == null ? (int?)null : p.ReferenceSet.Number })
            .ToListAsync(cancellationToken);
        return characters
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .Select(c =>
            {
                var uses = usage.Where(u => u.CharacterId == c.Id).ToList();
                var stale = uses.Count(u => u.Pinned is not null && c.Locked is not null && u.Pinned < c.Locked.Number);
                return new CharacterSummary(c.Id, c.Name, c.Description, c.Locked?.Number, c.Locked?.Cover, uses.Count, stale);
            })
            .ToList();
    }

    public async Task<CharacterDetail> GetAsync(int characterId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var character = await context.Characters.AsNoTracking()
            .Include(c => c.ReferenceSets).ThenInclude(r => r.Images)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == characterId, cancellationToken)
            ?? throw new NotFoundException("That character no longer exists; someone may have deleted it.");
        await access.RequireAsync(character.ProjectId, userId, ProjectRole.Viewer, cancellationToken);

        var lockers = character.ReferenceSets.Select(r => r.LockedByUserId).OfType<string>().Distinct().ToList();
        var names = await context.Users.Where(u => lockers.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var currentLocked = character.ReferenceSets.Where(r => r.IsLocked).Select(r => (int?)r.Number).Max();
        var usage = await context.ShotCharacters.AsNoTracking()
            .Where(p => p.CharacterId == characterId)
            .Select(p => new
            {
                p.ShotId,
                Scene = p.Shot!.Scene!.Title,
                ScenePosition = p.Shot.Scene.Position,
                Shot = p.Shot.Title,
                ShotPosition = p.Shot.Position,
                Pinned = p.ReferenceSet == null ? (int?)null : p.ReferenceSet.Number,
            })
            .ToListAsync(cancellationToken);

        return new CharacterDetail(
            character.Id, character.ProjectId, character.Name, character.Description, character.Voice, character.Pitch,
            character.Rate, character.Version,
            character.ReferenceSets.OrderByDescending(r => r.Number).Select(r => new ReferenceSetView(
                r.Id, r.Number, r.IsLocked, r.CreatedAt, r.LockedAt,
                r.LockedByUserId is not null && names.TryGetValue(r.LockedByUserId, out var name) ? name : null,
                r.Version,
                r.Images.OrderBy(i => i.Position).Select(i => new ReferenceImageView(i.Id, i.DisplayName, i.Sha256, i.ByteSize, i.Width, i.Height)).ToList()))
                .ToList(),
            usage.OrderBy(u => u.ScenePosition).ThenBy(u => u.ShotPosition)
                .Select(u => new ShotUsage(u.ShotId, u.Scene, u.Shot, u.Pinned, u.Pinned is not null && currentLocked is not null && u.Pinned < currentLocked))
                .ToList());
    }

    public async Task<int> CreateAsync(int projectId, string userId, string name, string description, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        name = StoryboardRules.RequireName(name, "character", 80);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await EnsureUniqueNameAsync(context, projectId, name, exceptId: null, cancellationToken);
        var character = new Character { ProjectId = projectId, Name = name, Description = description.Trim() };
        context.Characters.Add(character);
        await context.SaveChangesAsync(cancellationToken);
        await changes.PublishAsync(projectId, ProjectChangeKind.Character, character.Id, null, userId, $"added character '{name}'");
        return character.Id;
    }

    public async Task<int> UpdateAsync(CharacterEdit edit, string userId, CancellationToken cancellationToken = default)
    {
        var name = StoryboardRules.RequireName(edit.Name, "character", 80);
        StoryboardRules.RequireVoice(edit.Voice, edit.Pitch, edit.Rate);

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var character = await context.Characters.FirstOrDefaultAsync(c => c.Id == edit.CharacterId, cancellationToken)
            ?? throw new NotFoundException("That character no longer exists; someone may have deleted it.");
        await access.RequireAsync(character.ProjectId, userId, ProjectRole.Editor, cancellationToken);
        Versioning.Expect(context, character, edit.Version, $"Character '{character.Name}'");
        await EnsureUniqueNameAsync(context, character.ProjectId, name, character.Id, cancellationToken);
        character.Name = name;
        character.Description = edit.Description.Trim();
        character.Voice = edit.Voice.Trim();
        character.Pitch = edit.Pitch;
        character.Rate = edit.Rate;
        await Versioning.SaveAsync(context, $"Character '{name}'", cancellationToken);
        await changes.PublishAsync(character.ProjectId, ProjectChangeKind.Character, character.Id, null, userId, $"edited character '{name}'");
        return character.Version;
    }

    public async Task DeleteAsync(int characterId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var character = await context.Characters.FirstOrDefaultAsync(c => c.Id == characterId, cancellationToken)
            ?? throw new NotFoundException("That character no longer exists.");
        await access.RequireAsync(character.ProjectId, userId, ProjectRole.Editor, cancellationToken);
        context.Characters.Remove(character);
        await context.SaveChangesAsync(cancellationToken);
        await changes.PublishAsync(character.ProjectId, ProjectChangeKind.Character, character.Id, null, userId, $"deleted character '{character.Name}'");
    }

    /// <summary>
    /// Validates and normalises an upload, then adds it to the character's draft set (starting a draft when there is
    /// none). A rejected upload changes nothing.
    /// </summary>
    public async Task<int> AddReferenceImageAsync(
        int characterId, string userId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var character = await context.Characters.AsNoTracking().FirstOrDefaultAsync(c => c.Id == characterId, cancellationToken)
            ?? throw new NotFoundException("That character no longer exists.");
        await access.RequireAsync(character.ProjectId, userId, ProjectRole.Editor, cancellationToken);

        var image = await ingest.NormaliseAsync(fileName, content, cancellationToken);

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var draft = await GetOrStartDraftAsync(context, characterId, cancellationToken);
        var count = await context.ReferenceImages.CountAsync(i => i.ReferenceSetId == draft.Id, cancellationToken);
        if (count >= uploadOptions.Value.MaxImagesPerSet)
        {
            throw new StudioInputException($"A reference set holds at most {uploadOptions.Value.MaxImagesPerSet} images; remove one first.");
        }
        if (await context.ReferenceImages.AnyAsync(i => i.ReferenceSetId == draft.Id && i.Sha256 == image.Sha256, cancellationToken))
        {
            throw new StudioInputException($"'{image.DisplayName}' is already in this reference set.");
        }

        var entity = new ReferenceImage
        {
            ReferenceSetId = draft.Id,
            Position = count,
            StoredName = image.Sha256[..16] + ".png",
            DisplayName = image.DisplayName,
            Sha256 = image.Sha256,
            ByteSize = image.Png.Length,
            Width = image.Width,
            Height = image.Height,
            UploadedAt = clock.GetUtcNow(),
            Content = new ReferenceImageContent { Png = image.Png, ThumbnailPng = image.ThumbnailPng },
        };
        context.ReferenceImages.Add(entity);
        draft.Version++;
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.PublishAsync(character.ProjectId, ProjectChangeKind.ReferenceSet, draft.Id, null, userId, $"added a reference image to '{character.Name}'");
        return entity.Id;
    }

    public async Task RemoveReferenceImageAsync(int imageId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var image = await context.ReferenceImages.Include(i => i.ReferenceSet).ThenInclude(r => r!.Character)
            .FirstOrDefaultAsync(i => i.Id == imageId, cancellationToken)
            ?? throw new NotFoundException("That reference image no longer exists.");
        await access.RequireAsync(image.ReferenceSet!.Character!.ProjectId, userId, ProjectRole.Editor, cancellationToken);
        RequireDraft(image.ReferenceSet);
        context.ReferenceImages.Remove(image);
        // Uploads append at Position = count, so a gap left here would give the next upload a taken position.
        var later = await context.ReferenceImages
            .Where(i => i.ReferenceSetId == image.ReferenceSetId && i.Position > image.Position).ToListAsync(cancellationToken);
        later.ForEach(i => i.Position--);
        image.ReferenceSet.Version++;
        await Versioning.SaveAsync(context, $"Reference set v{image.ReferenceSet.Number}", cancellationToken);
        await changes.PublishAsync(image.ReferenceSet.Character.ProjectId, ProjectChangeKind.ReferenceSet, image.ReferenceSetId, null, userId,
            $"removed a reference image of '{image.ReferenceSet.Character.Name}'");
    }

    /// <summary>Locks a draft set: from now on it is immutable, and shots pinned to older versions become stale.</summary>
    public async Task LockAsync(int referenceSetId, int version, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var set = await context.ReferenceSets.Include(r => r.Character).Include(r => r.Images)
            .FirstOrDefaultAsync(r => r.Id == referenceSetId, cancellationToken)
            ?? throw new NotFoundException("That reference set no longer exists.");
        await access.RequireAsync(set.Character!.ProjectId, userId, ProjectRole.Editor, cancellationToken);
        RequireDraft(set);
        if (set.Images.Count == 0)
        {
            throw new StudioInputException("Add at least one reference image before locking the set.");
        }
        Versioning.Expect(context, set, version, $"Reference set v{set.Number} of '{set.Character.Name}'");
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        set.IsLocked = true;
        set.LockedAt = clock.GetUtcNow();
        set.LockedByUserId = userId;

        // Shots that placed the character before it had any locked set now pin this one; they were never rendered
        // against an older version, so they are not stale.
        await context.ShotCharacters.Where(p => p.CharacterId == set.CharacterId && p.ReferenceSetId == null)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.ReferenceSetId, set.Id), cancellationToken);
        await Versioning.SaveAsync(context, $"Reference set v{set.Number} of '{set.Character.Name}'", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.PublishAsync(set.Character.ProjectId, ProjectChangeKind.ReferenceSet, set.Id, null, userId, $"locked reference set v{set.Number} of '{set.Character.Name}'");
    }

    /// <summary>Starts the next version as a draft holding copies of the current locked images; returns the draft's id.</summary>
    public async Task<int> StartNewVersionAsync(int characterId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var character = await context.Characters.AsNoTracking().FirstOrDefaultAsync(c => c.Id == characterId, cancellationToken)
            ?? throw new NotFoundException("That character no longer exists.");
        await access.RequireAsync(character.ProjectId, userId, ProjectRole.Editor, cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var draft = await GetOrStartDraftAsync(context, characterId, cancellationToken);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.PublishAsync(character.ProjectId, ProjectChangeKind.ReferenceSet, draft.Id, null, userId, $"started reference set v{draft.Number} of '{character.Name}'");
        return draft.Id;
    }

    public async Task<(byte[] Png, string Sha256)> GetImageAsync(int imageId, bool thumbnail, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await context.ReferenceImages.AsNoTracking()
            .Where(i => i.Id == imageId)
            .Select(i => new
            {
                i.ReferenceSet!.Character!.ProjectId,
                i.Sha256,
                Png = thumbnail ? i.Content!.ThumbnailPng : i.Content!.Png,
            })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("No such reference image.");
        await access.RequireAsync(row.ProjectId, userId, ProjectRole.Viewer, cancellationToken);
        return (row.Png, row.Sha256);
    }

    private async Task<ReferenceSet> GetOrStartDraftAsync(StudioDbContext context, int characterId, CancellationToken cancellationToken)
    {
        var sets = await context.ReferenceSets.Where(r => r.CharacterId == characterId).ToListAsync(cancellationToken);
        var draft = sets.FirstOrDefault(r => !r.IsLocked);
        if (draft is not null)
        {
            return draft;
        }

        var latestLocked = sets.Where(r => r.IsLocked).MaxBy(r => r.Number);
        draft = new ReferenceSet
        {
            CharacterId = characterId,
            Number = (sets.Count == 0 ? 0 : sets.Max(r => r.Number)) + 1,
            CreatedAt = clock.GetUtcNow(),
        };
        if (latestLocked is not null)
        {
            var images = await context.ReferenceImages.AsNoTracking().Include(i => i.Content)
                .Where(i => i.ReferenceSetId == latestLocked.Id).OrderBy(i => i.Position).ToListAsync(cancellationToken);
            draft.Images = images.Select(i => new ReferenceImage
            {
                Position = i.Position,
                StoredName = i.StoredName,
                DisplayName = i.DisplayName,
                Sha256 = i.Sha256,
                ByteSize = i.ByteSize,
                Width = i.Width,
                Height = i.Height,
                UploadedAt = i.UploadedAt,
                Content = new ReferenceImageContent { Png = i.Content!.Png, ThumbnailPng = i.Content.ThumbnailPng },
            }).ToList();
        }
        context.ReferenceSets.Add(draft);
        await context.SaveChangesAsync(cancellationToken);
        return draft;
    }

    private static void RequireDraft(ReferenceSet set)
    {
        if (set.IsLocked)
        {
            throw new StudioInputException(
                $"Reference set v{set.Number} is locked and cannot change. Start a new version to change the references.");
        }
    }

    private static async Task EnsureUniqueNameAsync(StudioDbContext context, int projectId, string name, int? exceptId, CancellationToken cancellationToken)
    {
        // The Name column is NOCASE, so this comparison ignores case like the unique index does.
        var taken = await context.Characters.AnyAsync(
            c => c.ProjectId == projectId && c.Id != exceptId && c.Name == name, cancellationToken);
        if (taken)
        {
            throw new StudioInputException($"This project already has a character named '{name}'. Character names must be unique.");
        }
    }
}
