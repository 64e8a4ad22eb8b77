using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Collaboration.Approvals;

/// <summary>
/// Approval decisions on shots. Reading needs membership; each change needs the role its target state asks for
/// (<see cref="ApprovalRules"/>), is based on the version the member saw (two reviewers deciding at once cannot both
/// win silently), and is published on the project change feed after it is committed.
/// </summary>
public sealed class ApprovalService(
    IDbContextFactory<StudioDbContext> contextFactory,
    ProjectAccess access,
    ProjectChangeFeed feed,
    TimeProvider clock,
    ProjectSnapshots snapshots)
{
    public async Task<ShotApprovalView> GetAsync(int shotId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var projectId = await ProjectOfShotAsync(context, shotId, cancellationToken);
        await access.RequireAsync(projectId, userId, ProjectRole.Viewer, cancellationToken);
        var approval = await context.Set<ShotApproval>().AsNoTracking().FirstOrDefaultAsync(a => a.ShotId == shotId, cancellationToken);
        return approval is null ? ShotApprovalView.DraftOf(shotId) : await ToViewAsync(context, approval, cancellationToken);
    }

    /// <summary>Every live shot of the project with its approval (drafts included), by shot id.</summary>
    public async Task<IReadOnlyDictionary<int, ShotApprovalView>> ListAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Viewer, cancellationToken);
        return await snapshots.ReadAsync(projectId, "approvals", c => ReadApprovalsAsync(projectId, c), cancellationToken);
    }

    private async Task<IReadOnlyDictionary<int, ShotApprovalView>> ReadApprovalsAsync(int projectId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var shotIds = await context.Shots.AsNoTracking().Where(s => s.Scene!.ProjectId == projectId).Select(s => s.Id).ToListAsync(cancellationToken);
        var approvals = await context.Set<ShotApproval>().AsNoTracking().Where(a => a.ProjectId == projectId).ToListAsync(cancellationToken);
        var names = await NamesAsync(context, approvals.Select(a => a.ChangedByUserId), cancellationToken);
        var byShot = approvals.ToDictionary(a => a.ShotId);
        return shotIds.ToDictionary(id => id, id => byShot.TryGetValue(id, out var a)
            ? new ShotApprovalView(id, a.State, a.Note, a.ChangedByUserId, names.GetValueOrDefault(a.ChangedByUserId), a.ChangedAt, a.Version)
            : ShotApprovalView.DraftOf(id));
    }

    /// <summary>Moves the shot to <paramref name="state"/>; <paramref name="expectedVersion"/> is the approval's version the member saw.</summary>
    public async Task<ShotApprovalView> SetAsync(
        int shotId, ApprovalState state, string? note, int expectedVersion, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var shot = await context.Shots.AsNoTracking().Where(s => s.Id == shotId)
            .Select(s => new { s.Id, s.Title, s.Scene!.ProjectId }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That shot no longer exists; someone may have deleted it. Reload the storyboard.");
        await access.RequireAsync(shot.ProjectId, userId, ApprovalRules.RoleFor(state), cancellationToken);
        if (!Enum.IsDefined(state))
        {
            throw new StudioInputException("Choose an approval state: Draft, InReview, ChangesRequested or Approved.");
        }
        note = (note ?? "").Trim();
        if (note.Length > ApprovalRules.MaxNoteLength)
        {
            throw new StudioInputException($"The note has {note.Length} characters; keep it to {ApprovalRules.MaxNoteLength}.");
        }
        if (state == ApprovalState.ChangesRequested && note.Length == 0)
        {
            throw new StudioInputException("Say what should change: requesting changes needs a note for the editor.");
        }

        var approval = await context.Set<ShotApproval>().FirstOrDefaultAsync(a => a.ShotId == shotId, cancellationToken);
        var what = $"The approval of shot '{shot.Title}'";
        if (approval is null)
        {
            if (expectedVersion != 0)
            {
                throw new EditConflictException(what);
            }
            approval = new ShotApproval { ShotId = shotId, ProjectId = shot.ProjectId, Version = 1 };
            context.Add(approval);
        }
        else
        {
            Versioning.Expect(context, approval, expectedVersion, what);
        }
        if (approval.State == state && approval.Id != 0)
        {
            throw new StudioInputException($"Shot '{shot.Title}' is already {ApprovalRules.Label(state).ToLowerInvariant()}.");
        }
        if (approval.Id == 0 && state == ApprovalState.Draft)
        {
            throw new StudioInputException($"Shot '{shot.Title}' is already a draft.");
        }
        approval.State = state;
        approval.Note = note;
        approval.ChangedByUserId = userId;
        approval.ChangedAt = clock.GetUtcNow();
        try
        {
            await Versioning.SaveAsync(context, what, cancellationToken);
        }
        catch (DbUpdateException) when (approval.Version == 1)
        {
            // Another member made the shot's first decision at the same moment: the unique shot index refused this one.
            throw new EditConflictException(what);
        }

        // Read back as stored, so the answer equals what every other reader sees (the stored time is coarser than the clock's).
        var saved = await context.Set<ShotApproval>().AsNoTracking().FirstAsync(a => a.Id == approval.Id, cancellationToken);
        var view = await ToViewAsync(context, saved, cancellationToken);
        feed.Publish(new ProjectChange(shot.ProjectId, ProjectChangeKind.Approval, approval.Id, shotId, userId, view.ChangedByName,
            ApprovalRules.Sentence(state, shot.Title), saved.ChangedAt));
        return view;
    }

    private static async Task<int> ProjectOfShotAsync(StudioDbContext context, int shotId, CancellationToken cancellationToken) =>
        await context.Shots.AsNoTracking().Where(s => s.Id == shotId).Select(s => (int?)s.Scene!.ProjectId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That shot no longer exists; someone may have deleted it. Reload the storyboard.");

    private static async Task<ShotApprovalView> ToViewAsync(StudioDbContext context, ShotApproval approval, CancellationToken cancellationToken)
    {
        var names = await NamesAsync(context, [approval.ChangedByUserId], cancellationToken);
        return new ShotApprovalView(approval.ShotId, approval.State, approval.Note, approval.ChangedByUserId,
            names.GetValueOrDefault(approval.ChangedByUserId), approval.ChangedAt, approval.Version);
    }

    private static async Task<Dictionary<string, string>> NamesAsync(StudioDbContext context, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        return await context.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }
}
