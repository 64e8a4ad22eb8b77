using System.Text.Json;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Collaboration.Activity;

/// <summary>
/// Reads a project's activity log (any member) and puts a shot back the way one of its logged versions had it
/// (editors): the restore is an ordinary shot edit, so it is checked, versioned and logged like any other.
/// </summary>
public sealed class ActivityService(IDbContextFactory<StudioDbContext> contextFactory, ProjectAccess access, StoryboardService storyboards)
{
    public async Task<IReadOnlyList<ActivityView>> ListAsync(int projectId, string userId, ActivityFilter? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= new ActivityFilter();
        await access.RequireAsync(projectId, userId, ProjectRole.Viewer, cancellationToken);
        if (filter.Limit is < 1 or > ActivityFilter.MaxLimit)
        {
            throw new StudioInputException($"Ask for 1 to {ActivityFilter.MaxLimit} activity entries at a time.");
        }
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = context.Set<ActivityEntry>().AsNoTracking().Where(a => a.ProjectId == projectId);
        if (filter.Kind is { } kind)
        {
            query = query.Where(a => a.Kind == kind);
        }
        if (!string.IsNullOrEmpty(filter.ActorUserId))
        {
            query = query.Where(a => a.ActorUserId == filter.ActorUserId);
        }
        if (filter.ShotId is { } shotId)
        {
            query = query.Where(a => a.ShotId == shotId);
        }
        var rows = await query.OrderByDescending(a => a.Id).Take(filter.Limit).ToListAsync(cancellationToken);
        var names = await CharacterNamesAsync(context, projectId, cancellationToken);
        return [.. rows.Select(r => ToView(r, names))];
    }

    /// <summary>Everyone who appears in the project's log, for the person filter (former members included).</summary>
    public async Task<IReadOnlyList<(string UserId, string Name)>> ActorsAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Viewer, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await context.Set<ActivityEntry>().AsNoTracking().Where(a => a.ProjectId == projectId && a.ActorUserId != null)
            .Select(a => new { a.ActorUserId, a.ActorName }).Distinct().ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.ActorUserId!).Select(g => (g.Key, g.Select(r => r.ActorName).FirstOrDefault(n => n is not null) ?? "?"))
            .OrderBy(a => a.Item2, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The shot's own versions, newest first: its creation and every edit of its fields.</summary>
    public async Task<IReadOnlyList<ActivityView>> ShotHistoryAsync(int shotId, string userId, CancellationToken cancellationToken = default)
    {
        var projectId = await ProjectOfShotAsync(shotId, cancellationToken);
        var entries = await ListAsync(projectId, userId, new ActivityFilter(ShotId: shotId, Limit: ActivityFilter.MaxLimit), cancellationToken);
        return [.. entries.Where(IsVersion)];
    }

    /// <summary>Whether the entry is a version of a shot's fields that <see cref="RestoreAsync"/> can go back to.</summary>
    public static bool IsVersion(ActivityView entry) =>
        entry.Target == ActivityTarget.Shot && entry.Kind is ActivityKind.Edit or ActivityKind.Create
        && (entry.Kind == ActivityKind.Create || entry.Changes.Any(c => ShotFields.Restorable.Contains(c.Field)));

    /// <summary>
    /// The shot's restorable fields as they were right after <paramref name="entryId"/>: the current values, with every
    /// later logged edit undone from the newest back.
    /// </summary>
    public async Task<ShotEdit> VersionAtAsync(int shotId, int entryId, string userId, CancellationToken cancellationToken = default)
    {
        var projectId = await ProjectOfShotAsync(shotId, cancellationToken);
        var board = await storyboards.GetStoryboardAsync(projectId, userId, cancellationToken);
        var shot = board.FindShot(shotId) ?? throw new NotFoundException("That shot no longer exists; someone may have deleted it. Reload the storyboard.");
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entries = await context.Set<ActivityEntry>().AsNoTracking()
            .Where(a => a.ProjectId == projectId && a.ShotId == shotId && a.Target == ActivityTarget.Shot && a.Id >= entryId)
            .OrderByDescending(a => a.Id).ToListAsync(cancellationToken);
        if (entries.LastOrDefault() is not { } chosen || chosen.Id != entryId || chosen.Kind is not (ActivityKind.Edit or ActivityKind.Create))
        {
            throw new NotFoundException("That version is not in this shot's history. Reload the history.");
        }
        var edit = CurrentEdit(shot);
        foreach (var entry in entries.Where(e => e.Id > entryId && e.Kind == ActivityKind.Edit))
        {
            foreach (var change in Changes(entry).Where(c => ShotFields.Restorable.Contains(c.Field)))
            {
                edit = ShotFields.Apply(edit, change.Field, change.Before);
            }
        }
        return edit;
    }

    /// <summary>
    /// Saves the shot's fields as they were after <paramref name="entryId"/>, as a new edit based on
    /// <paramref name="expectedVersion"/> (refused if someone saved the shot since); returns the shot's new version.
    /// </summary>
    public async Task<int> RestoreAsync(int shotId, int entryId, int expectedVersion, string userId, CancellationToken cancellationToken = default)
    {
        var projectId = await ProjectOfShotAsync(shotId, cancellationToken);
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        var version = await VersionAtAsync(shotId, entryId, userId, cancellationToken);
        var current = CurrentEdit((await storyboards.GetStoryboardAsync(projectId, userId, cancellationToken)).FindShot(shotId)!);
        if (SameFields(version, current))
        {
            throw new StudioInputException("The shot already has exactly those values; there is nothing to restore.");
        }
        return await storyboards.UpdateShotAsync(version with { Version = expectedVersion }, userId, cancellationToken);
    }

    private static bool SameFields(ShotEdit a, ShotEdit b) =>
        a.Title == b.Title && a.Description == b.Description && a.Prompt == b.Prompt && a.NegativePrompt == b.NegativePrompt
        && a.CameraMove == b.CameraMove && a.DurationSeconds.Equals(b.DurationSeconds) && a.Seed == b.Seed && a.Steps == b.Steps
        && a.Guidance.Equals(b.Guidance) && a.ReferenceStrength.Equals(b.ReferenceStrength)
        && ShotFields.FormatDialogue(a.Dialogue) == ShotFields.FormatDialogue(b.Dialogue);

    private static ShotEdit CurrentEdit(ShotView shot) => new(
        shot.Id, shot.Version, shot.Title, shot.Description, shot.Prompt, shot.NegativePrompt, shot.CameraMove,
        shot.DurationSeconds, shot.Seed, shot.Steps, shot.Guidance, shot.ReferenceStrength,
        [.. shot.Characters.Select(c => new PlacementEdit(c.CharacterId, c.X, c.Y, c.Scale, c.ZOrder))],
        [.. shot.Dialogue.Select(d => new DialogueEdit(d.CharacterId, d.Text))]);

    private async Task<int> ProjectOfShotAsync(int shotId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Shots.AsNoTracking().Where(s => s.Id == shotId).Select(s => (int?)s.Scene!.ProjectId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That shot no longer exists; someone may have deleted it. Reload the storyboard.");
    }

    private static async Task<Dictionary<int, string>> CharacterNamesAsync(StudioDbContext context, int projectId, CancellationToken cancellationToken) =>
        await context.Characters.AsNoTracking().Where(c => c.ProjectId == projectId).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);

    private static IReadOnlyList<ActivityFieldChange> Changes(ActivityEntry entry) =>
        JsonSerializer.Deserialize<List<ActivityFieldChange>>(entry.ChangesJson) ?? [];

    private static ActivityView ToView(ActivityEntry entry, IReadOnlyDictionary<int, string> characters)
    {
        var changes = Changes(entry).Select(c => c.Field switch
        {
            ShotFields.Dialogue => c with { Before = DialogueText(c.Before, characters), After = DialogueText(c.After, characters) },
            nameof(Approvals.ShotApproval.State) when entry.Kind == ActivityKind.Approval => c with { Before = StateLabel(c.Before), After = StateLabel(c.After) },
            _ => c,
        }).ToList();
        return new ActivityView(entry.Id, entry.At, entry.ActorUserId, entry.ActorName ?? "The studio", entry.Kind, entry.Target, entry.TargetId,
            entry.ShotId, entry.Summary, changes, Link(entry));
    }

    private static string? StateLabel(string? state) =>
        Enum.TryParse<Approvals.ApprovalState>(state, out var parsed) ? Approvals.ApprovalRules.Label(parsed) : state;

    private static string? DialogueText(string? json, IReadOnlyDictionary<int, string> characters) =>
        json is null ? null : string.Join("\n", ShotFields.ParseDialogue(json).Select(l => $"{characters.GetValueOrDefault(l.CharacterId, "?")}: {l.Text}"));

    private static string Link(ActivityEntry entry)
    {
        var project = $"projects/{entry.ProjectId}";
        return entry.Target switch
        {
            _ when entry.ShotId is { } shot && entry.Target is ActivityTarget.Shot or ActivityTarget.Take or ActivityTarget.Comment => $"{project}/shots/{shot}",
            ActivityTarget.Character => $"{project}/characters/{entry.TargetId}",
            ActivityTarget.Export => $"{project}/exports",
            ActivityTarget.Member => $"{project}/members",
            ActivityTarget.Timeline => $"{project}/timeline",
            _ => project,
        };
    }
}
