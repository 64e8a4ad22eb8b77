using System.Runtime.CompilerServices;
using System.Text.Json;
using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration.Approvals;
using ExplainerStudio.Web.Collaboration.Comments;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace ExplainerStudio.Web.Collaboration.Activity;

/// <summary>
/// The one mechanism that writes the activity log: every SaveChanges of the studio's context is looked at before it
/// runs (what is added, changed and removed, with the changed fields' old and new values), and its activity rows are
/// written right after it, inside the same transaction (the service's own, or one this interceptor opens and commits),
/// so a change and its log entry commit or roll back together. The acting user comes from <see cref="ActivityActor"/>.
/// Writes that bypass the change tracker (ExecuteUpdate) are not seen; the few the log needs record themselves
/// through <see cref="RecordAsync"/>.
/// </summary>
public sealed class ActivityInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly string[] ShotRecorded = [.. ShotFields.Restorable.Where(f => f != ShotFields.Dialogue), .. ShotFields.RecordedOnly];
    private static readonly string[] SceneRecorded = [nameof(Scene.Title)];
    private static readonly string[] CharacterRecorded = [nameof(Character.Name), nameof(Character.Description), nameof(Character.Voice), nameof(Character.Pitch), nameof(Character.Rate)];
    private static readonly string[] CutRecorded = [nameof(TimelineCut.Transition), nameof(TimelineCut.TransitionSeconds), nameof(TimelineCut.TrimInSeconds), nameof(TimelineCut.TrimOutSeconds), nameof(TimelineCut.IsDurationPinned)];
    private static readonly string[] ProjectRecorded = [nameof(Project.Name), nameof(Project.Description), nameof(Project.Width), nameof(Project.Height), nameof(Project.FrameRate)];

    private readonly ConditionalWeakTable<DbContext, PendingSave> _pending = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is StudioDbContext context && !(_pending.TryGetValue(context, out var busy) && busy.Writing))
        {
            var captured = Capture(context);
            if (captured.Count > 0)
            {
                var pending = _pending.GetOrCreateValue(context);
                pending.Items = captured;
                if (context.Database.CurrentTransaction is null)
                {
                    pending.OwnTransaction = await context.Database.BeginTransactionAsync(cancellationToken);
                }
            }
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is StudioDbContext context && _pending.TryGetValue(context, out var pending) && !pending.Writing && pending.Items.Count > 0)
        {
            pending.Writing = true;
            try
            {
                var rows = await BuildAsync(context, pending.Items, cancellationToken);
                context.AddRange(rows);
                await context.SaveChangesAsync(cancellationToken);
                if (pending.OwnTransaction is { } transaction)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                await pending.ResetAsync();
            }
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending) && !pending.Writing)
        {
            await pending.ResetAsync();
        }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        eventData.Context is StudioDbContext context && Capture(context).Count > 0
            ? throw new InvalidOperationException("The studio saves with SaveChangesAsync so that its activity log is written with the change.")
            : result;

    /// <summary>
    /// Adds an entry for a write the change tracker cannot see (an ExecuteUpdate); call it on the context of that write,
    /// inside its transaction, so the two commit together.
    /// </summary>
    public static async Task RecordAsync(StudioDbContext context, int projectId, ActivityKind kind, ActivityTarget target, int? targetId, int? shotId,
        string summary, IReadOnlyList<ActivityFieldChange> changes, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var actor = ActivityActor.UserId;
        var name = actor is null ? null : await context.Users.AsNoTracking().Where(u => u.Id == actor).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        context.Add(new ActivityEntry
        {
            ProjectId = projectId, At = at, ActorUserId = actor, ActorName = name, Kind = kind, Target = target, TargetId = targetId,
            ShotId = shotId, Summary = summary, ChangesJson = JsonSerializer.Serialize(changes),
        });
        await context.SaveChangesAsync(cancellationToken);
    }

    private static List<Captured> Capture(StudioDbContext context)
    {
        var captured = new List<Captured>();
        var dialogueByShot = new Dictionary<int, List<EntityEntry<DialogueLine>>>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            string[]? fields = entry.Entity switch
            {
                Shot => ShotRecorded,
                Scene => SceneRecorded,
                Character => CharacterRecorded,
                TimelineCut => CutRecorded,
                Project => ProjectRecorded,
                ShotApproval => [nameof(ShotApproval.State), nameof(ShotApproval.Note)],
                ProjectMember => [nameof(ProjectMember.Role)],
                ReferenceSet => [nameof(ReferenceSet.IsLocked)],
                Comment => [nameof(Comment.Body), nameof(Comment.ResolvedAt), nameof(Comment.DeletedAt)],
                Take or RenderJob or ExportJob => [],
                _ => null,
            };
            if (entry.Entity is DialogueLine line)
            {
                var shotId = entry.State == EntityState.Added ? line.ShotId : (int)entry.Property(nameof(DialogueLine.ShotId)).OriginalValue!;
                if (!dialogueByShot.TryGetValue(shotId, out var lines))
                {
                    dialogueByShot[shotId] = lines = [];
                }
                lines.Add(context.Entry(line));
                continue;
            }
            if (fields is null)
            {
                continue;
            }
            var changes = new List<ActivityFieldChange>();
            foreach (var field in fields)
            {
                var property = entry.Property(field);
                if (entry.State == EntityState.Added)
                {
                    changes.Add(new ActivityFieldChange(field, null, ShotFields.Format(property.CurrentValue)));
                }
                else if (entry.State == EntityState.Modified && property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
                {
                    changes.Add(new ActivityFieldChange(field, ShotFields.Format(property.OriginalValue), ShotFields.Format(property.CurrentValue)));
                }
            }
            var extra = entry.Entity is Shot && entry.State == EntityState.Modified ? ShotExtras(entry) : default;
            if (entry.State == EntityState.Modified && changes.Count == 0 && extra == default)
            {
                continue;
            }
            captured.Add(new Captured(entry.Entity, entry.State, changes, extra));
        }

        foreach (var (shotId, lines) in dialogueByShot)
        {
            // The shot's other lines are loaded with it (unchanged ones too), so before and after are the whole list.
            var all = context.ChangeTracker.Entries<DialogueLine>().Where(e => e.Entity.ShotId == shotId || lines.Any(l => ReferenceEquals(l.Entity, e.Entity))).ToList();
            var before = all.Where(e => e.State != EntityState.Added)
                .OrderBy(e => (int)e.Property(nameof(DialogueLine.Position)).OriginalValue!)
                .Select(e => new DialogueEdit((int)e.Property(nameof(DialogueLine.CharacterId)).OriginalValue!, (string)e.Property(nameof(DialogueLine.Text)).OriginalValue!));
            var after = all.Where(e => e.State != EntityState.Deleted).OrderBy(e => e.Entity.Position)
                .Select(e => new DialogueEdit(e.Entity.CharacterId, e.Entity.Text));
            var change = new ActivityFieldChange(ShotFields.Dialogue, ShotFields.FormatDialogue(before), ShotFields.FormatDialogue(after));
            if (change.Before == change.After)
            {
                continue;
            }
            var shot = captured.FirstOrDefault(c => c.Entity is Shot s && s.Id == shotId);
            if (shot is not null)
            {
                shot.Changes.Add(change);
            }
            else if (context.ChangeTracker.Entries<Shot>().FirstOrDefault(e => e.Entity.Id == shotId) is not { State: EntityState.Added })
            {
                var owner = context.ChangeTracker.Entries<Shot>().FirstOrDefault(e => e.Entity.Id == shotId)?.Entity ?? new Shot { Id = shotId, SceneId = -1 };
                captured.Add(new Captured(owner, EntityState.Modified, [change], default));
            }
        }
        return captured;
    }

    private static ShotExtra ShotExtras(EntityEntry entry)
    {
        var deletedBefore = entry.Property(nameof(Shot.DeletedAt)).OriginalValue is not null;
        var deletedNow = entry.Property(nameof(Shot.DeletedAt)).CurrentValue is not null;
        var take = entry.Property(nameof(Shot.SelectedTakeId));
        var scene = entry.Property(nameof(Shot.SceneId));
        return new ShotExtra(
            Deleted: !deletedBefore && deletedNow,
            Restored: deletedBefore && !deletedNow,
            SelectedTake: take.IsModified && !Equals(take.OriginalValue, take.CurrentValue) ? (int?)take.CurrentValue : null,
            Moved: scene.IsModified && !Equals(scene.OriginalValue, scene.CurrentValue));
    }

    private async Task<List<ActivityEntry>> BuildAsync(StudioDbContext context, List<Captured> items, CancellationToken cancellationToken)
    {
        var lookup = new Lookup(context);
        var now = clock.GetUtcNow();
        var drafts = new List<Draft>();
        foreach (var item in items)
        {
            if (await DescribeAsync(lookup, item, cancellationToken) is { } draft)
            {
                drafts.Add(draft);
            }
        }

        var operation = ActivityActor.Operation;
        var created = items.Where(i => i.Entity is Project && i.State == EntityState.Added).Select(i => ((Project)i.Entity).Id).ToHashSet();
        var grouped = new List<Draft>();
        foreach (var project in drafts.GroupBy(d => d.ProjectId))
        {
            if (created.Contains(project.Key) || operation is not null)
            {
                var name = items.Select(i => i.Entity).OfType<Project>().FirstOrDefault(p => p.Id == project.Key)?.Name;
                var head = created.Contains(project.Key) ? $"created the project '{name}'" : operation!.Summary;
                var kind = created.Contains(project.Key) ? ActivityKind.Create : operation!.Kind;
                var counts = Counts(project.Where(d => d.Kind == ActivityKind.Create && d.Target != ActivityTarget.Project));
                grouped.Add(new Draft(project.Key, kind, ActivityTarget.Project, project.Key, null,
                    counts.Length == 0 ? head : $"{head} ({counts})", [], project.Select(d => d.ActorOverride).FirstOrDefault(a => a is not null)));
            }
            else
            {
                grouped.AddRange(project);
            }
        }

        var actorIds = grouped.Select(d => d.ActorOverride ?? ActivityActor.UserId).OfType<string>().Distinct().ToList();
        var names = await context.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return [.. grouped.Select(d =>
        {
            var actor = d.ActorOverride ?? ActivityActor.UserId;
            return new ActivityEntry
            {
                ProjectId = d.ProjectId, At = now, ActorUserId = actor, ActorName = actor is null ? null : names.GetValueOrDefault(actor),
                Kind = d.Kind, Target = d.Target, TargetId = d.TargetId, ShotId = d.ShotId, Summary = d.Summary,
                ChangesJson = JsonSerializer.Serialize(d.Changes),
            };
        })];
    }

    private static string Counts(IEnumerable<Draft> creates)
    {
        var parts = creates.GroupBy(d => d.Target).OrderBy(g => g.Key)
            .Select(g => $"{g.Count()} {Noun(g.Key)}{(g.Count() == 1 ? "" : "s")}");
        return string.Join(", ", parts);
    }

    private static string Noun(ActivityTarget target) => target switch
    {
        ActivityTarget.Member => "member",
        ActivityTarget.Timeline => "cut",
        _ => target.ToString().ToLowerInvariant(),
    };

    private static async Task<Draft?> DescribeAsync(Lookup lookup, Captured item, CancellationToken cancellationToken)
    {
        var (entity, state, changes) = (item.Entity, item.State, item.Changes);
        switch (entity)
        {
            case Shot shot:
            {
                var projectId = await lookup.ProjectOfShotAsync(shot, cancellationToken);
                if (projectId is not { } p)
                {
                    return null;
                }
                var title = shot.Title.Length > 0 ? shot.Title : await lookup.ShotTitleAsync(shot.Id, cancellationToken);
                var extra = item.Extra;
                if (state == EntityState.Added)
                {
                    return new Draft(p, ActivityKind.Create, ActivityTarget.Shot, shot.Id, shot.Id, $"added shot '{title}'", changes, null);
                }
                if (extra.Deleted)
                {
                    return new Draft(p, ActivityKind.Delete, ActivityTarget.Shot, shot.Id, shot.Id, $"deleted shot '{title}'", [], null);
                }
                if (extra.Restored)
                {
                    return new Draft(p, ActivityKind.Create, ActivityTarget.Shot, shot.Id, shot.Id, $"restored deleted shot '{title}'", [], null);
                }
                if (extra.SelectedTake is { } takeId && changes.Count == 0)
                {
                    return new Draft(p, ActivityKind.Selection, ActivityTarget.Take, takeId, shot.Id, $"selected take #{takeId} for shot '{title}'", [], null);
                }
                if (changes.Count == 0)
                {
                    return extra.Moved ? new Draft(p, ActivityKind.Edit, ActivityTarget.Shot, shot.Id, shot.Id, $"moved shot '{title}' to another scene", [], null) : null;
                }
                var titleChange = changes.FirstOrDefault(c => c.Field == nameof(Shot.Title));
                var summary = titleChange is not null && changes.Count == 1
                    ? $"renamed shot '{titleChange.Before}' to '{titleChange.After}'"
                    : $"edited shot '{title}': {string.Join(", ", changes.Select(c => ShotFields.Label(c.Field)))}";
                return new Draft(p, ActivityKind.Edit, ActivityTarget.Shot, shot.Id, shot.Id, summary, changes, null);
            }
            case Scene scene:
                return state switch
                {
                    EntityState.Added => new Draft(scene.ProjectId, ActivityKind.Create, ActivityTarget.Scene, scene.Id, null, $"added scene '{scene.Title}'", changes, null),
                    EntityState.Deleted => new Draft(scene.ProjectId, ActivityKind.Delete, ActivityTarget.Scene, scene.Id, null, $"deleted scene '{scene.Title}' and its shots", [], null),
                    _ => new Draft(scene.ProjectId, ActivityKind.Edit, ActivityTarget.Scene, scene.Id, null, $"renamed scene '{changes[0].Before}' to '{changes[0].After}'", changes, null),
                };
            case Character character:
                return state switch
                {
                    EntityState.Added => new Draft(character.ProjectId, ActivityKind.Create, ActivityTarget.Character, character.Id, null, $"added character '{character.Name}'", changes, null),
                    EntityState.Deleted => new Draft(character.ProjectId, ActivityKind.Delete, ActivityTarget.Character, character.Id, null, $"deleted character '{character.Name}'", [], null),
                    _ => new Draft(character.ProjectId, ActivityKind.Edit, ActivityTarget.Character, character.Id, null,
                        $"edited character '{character.Name}': {string.Join(", ", changes.Select(c => c.Field.ToLowerInvariant()))}", changes, null),
                };
            case ReferenceSet set when state == EntityState.Modified && set.IsLocked:
            {
                var (projectId, name) = await lookup.CharacterAsync(set.CharacterId, cancellationToken);
                return projectId is { } p
                    ? new Draft(p, ActivityKind.Edit, ActivityTarget.Character, set.CharacterId, null, $"locked reference set {set.Number} of '{name}'", changes, null)
                    : null;
            }
            case TimelineCut cut:
            {
                var projectId = await lookup.ProjectOfShotIdAsync(cut.ShotId, cancellationToken);
                var title = await lookup.ShotTitleAsync(cut.ShotId, cancellationToken);
                return projectId is { } p && changes.Count > 0
                    ? new Draft(p, ActivityKind.Edit, ActivityTarget.Timeline, cut.ShotId, cut.ShotId, $"changed the cut after shot '{title}'", changes, null)
                    : null;
            }
            case Project project when state == EntityState.Added:
                return new Draft(project.Id, ActivityKind.Create, ActivityTarget.Project, project.Id, null, $"created the project '{project.Name}'", [], null);
            case Project project when state == EntityState.Modified:
                return new Draft(project.Id, ActivityKind.Edit, ActivityTarget.Project, project.Id, null,
                    $"changed the project's {string.Join(", ", changes.Select(c => c.Field.ToLowerInvariant()))}", changes, null);
            case ShotApproval approval:
            {
                var stateChange = changes.FirstOrDefault(c => c.Field == nameof(ShotApproval.State));
                if (stateChange is null)
                {
                    return null;
                }
                var title = await lookup.ShotTitleAsync(approval.ShotId, cancellationToken);
                // A shot without an approval row is a draft with no note, so its first decision starts from there.
                var recorded = changes.Where(c => c.Field != nameof(ShotApproval.Note) || !string.IsNullOrEmpty(c.After))
                    .Select(c => state != EntityState.Added ? c
                        : c with { Before = c.Field == nameof(ShotApproval.State) ? nameof(ApprovalState.Draft) : "" })
                    .ToList();
                return new Draft(approval.ProjectId, ActivityKind.Approval, ActivityTarget.Shot, approval.ShotId, approval.ShotId,
                    ApprovalRules.Sentence(approval.State, title), recorded, null);
            }
            case ProjectMember member:
            {
                var name = await lookup.UserNameAsync(member.UserId, cancellationToken);
                var joined = state == EntityState.Added && ActivityActor.UserId is null;
                var summary = state switch
                {
                    EntityState.Added when joined => $"joined the project as {member.Role}",
                    EntityState.Added => $"added {name} as {member.Role}",
                    EntityState.Deleted => $"removed {name} from the project",
                    _ => $"changed {name}'s role from {changes[0].Before} to {changes[0].After}",
                };
                return new Draft(member.ProjectId, ActivityKind.Membership, ActivityTarget.Member, member.Id, null, summary, state == EntityState.Deleted ? [] : changes,
                    joined ? member.UserId : null);
            }
            case Take take when state == EntityState.Added:
            {
                var title = await lookup.ShotTitleAsync(take.ShotId, cancellationToken);
                return new Draft(take.ProjectId, ActivityKind.Render, ActivityTarget.Take, take.Id, take.ShotId, $"rendered take #{take.Id} of shot '{title}'", [],
                    string.IsNullOrEmpty(take.CreatedByUserId) ? null : take.CreatedByUserId);
            }
            case RenderJob job when state == EntityState.Added:
            {
                var title = await lookup.ShotTitleAsync(job.ShotId, cancellationToken);
                return new Draft(job.ProjectId, ActivityKind.Render, ActivityTarget.Shot, job.ShotId, job.ShotId, $"queued a render of shot '{title}'", [],
                    string.IsNullOrEmpty(job.RequestedByUserId) ? null : job.RequestedByUserId);
            }
            case Comment comment:
            {
                var title = await lookup.ShotTitleAsync(comment.ShotId, cancellationToken);
                var on = comment.TakeId is { } takeId ? $"take #{takeId} of shot '{title}'" : $"shot '{title}'";
                bool Changed(string field) => changes.Any(c => c.Field == field);
                var summary = state switch
                {
                    EntityState.Added when comment.ThreadId is null => $"commented on {on}",
                    EntityState.Added => $"replied in a thread on {on}",
                    EntityState.Deleted => $"deleted a comment on {on}",
                    _ when Changed(nameof(Comment.DeletedAt)) => $"deleted a comment on {on}",
                    _ when Changed(nameof(Comment.ResolvedAt)) => comment.ResolvedAt is null ? $"reopened a thread on {on}" : $"resolved a thread on {on}",
                    _ => $"edited a comment on {on}",
                };
                // The body is what was said; the resolve and delete stamps are already in the sentence.
                var recorded = state == EntityState.Deleted ? [] : changes.Where(c => c.Field == nameof(Comment.Body)).ToList();
                return new Draft(comment.ProjectId, ActivityKind.Comment, ActivityTarget.Comment, comment.Id, comment.ShotId, summary, recorded, null);
            }
            case ExportJob export when state == EntityState.Added:
                return new Draft(export.ProjectId, ActivityKind.Export, ActivityTarget.Export, export.Id, null,
                    $"started an export ({export.Resolution}, {export.Aspect})", [], string.IsNullOrEmpty(export.RequestedById) ? null : export.RequestedById);
            default:
                return null;
        }
    }

    private sealed record Captured(object Entity, EntityState State, List<ActivityFieldChange> Changes, ShotExtra Extra);

    private readonly record struct ShotExtra(bool Deleted, bool Restored, int? SelectedTake, bool Moved);

    private sealed record Draft(int ProjectId, ActivityKind Kind, ActivityTarget Target, int? TargetId, int? ShotId, string Summary,
        IReadOnlyList<ActivityFieldChange> Changes, string? ActorOverride);

    private sealed class PendingSave
    {
        public List<Captured> Items { get; set; } = [];
        public IDbContextTransaction? OwnTransaction { get; set; }
        public bool Writing { get; set; }

        public async Task ResetAsync()
        {
            Items = [];
            Writing = false;
            if (OwnTransaction is { } transaction)
            {
                OwnTransaction = null;
                await transaction.DisposeAsync();
            }
        }
    }

    /// <summary>Reads what a description needs (a shot's project and title, a user's name) once per save.</summary>
    private sealed class Lookup(StudioDbContext context)
    {
        private readonly Dictionary<int, (int? ProjectId, string Title)> _shots = [];
        private readonly Dictionary<string, string> _users = [];

        public async Task<int?> ProjectOfShotAsync(Shot shot, CancellationToken cancellationToken)
        {
            if (shot.Scene is { } scene)
            {
                return scene.ProjectId;
            }
            return await ProjectOfShotIdAsync(shot.Id, cancellationToken);
        }

        public async Task<int?> ProjectOfShotIdAsync(int shotId, CancellationToken cancellationToken) => (await ShotAsync(shotId, cancellationToken)).ProjectId;

        public async Task<string> ShotTitleAsync(int shotId, CancellationToken cancellationToken) => (await ShotAsync(shotId, cancellationToken)).Title;

        public async Task<(int? ProjectId, string Name)> CharacterAsync(int characterId, CancellationToken cancellationToken)
        {
            var row = await context.Characters.AsNoTracking().Where(c => c.Id == characterId)
                .Select(c => new { c.ProjectId, c.Name }).FirstOrDefaultAsync(cancellationToken);
            return (row?.ProjectId, row?.Name ?? "?");
        }

        public async Task<string> UserNameAsync(string userId, CancellationToken cancellationToken)
        {
            if (!_users.TryGetValue(userId, out var name))
            {
                name = await context.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "a former member";
                _users[userId] = name;
            }
            return name;
        }

        private async Task<(int? ProjectId, string Title)> ShotAsync(int shotId, CancellationToken cancellationToken)
        {
            if (!_shots.TryGetValue(shotId, out var shot))
            {
                var row = await context.Shots.IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == shotId)
                    .Select(s => new { s.Scene!.ProjectId, s.Title }).FirstOrDefaultAsync(cancellationToken);
                shot = (row?.ProjectId, row?.Title ?? "?");
                _shots[shotId] = shot;
            }
            return shot;
        }
    }
}
