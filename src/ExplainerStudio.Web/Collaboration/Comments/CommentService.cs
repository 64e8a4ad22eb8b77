using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Collaboration.Notifications;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Collaboration.Comments;

/// <summary>
/// Comment threads on shots and takes. Every member (viewer and above) reads and comments; only a comment's author
/// edits or deletes it; a thread's author or a reviewer (and above) resolves and reopens it. Every commit is published
/// on the project change feed, and mentions and replies reach the members' inboxes.
/// </summary>
public sealed class CommentService(
    IDbContextFactory<StudioDbContext> contextFactory,
    ProjectAccess access,
    ProjectChangeFeed feed,
    NotificationService notifications,
    MarkdownRenderer markdown,
    TimeProvider clock,
    IOptions<DiscussionOptions> options)
{
    private const string DeletedText = "This comment was deleted.";

    /// <summary>The threads on a shot itself (<paramref name="takeId"/> null) or on one of its takes, oldest first.</summary>
    public async Task<IReadOnlyList<CommentThreadView>> ListAsync(int shotId, int? takeId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var target = await FindTargetAsync(context, shotId, takeId, cancellationToken);
        var role = await access.RequireAsync(target.ProjectId, userId, ProjectRole.Viewer, cancellationToken);
        var rows = await context.Comments.AsNoTracking()
            .Where(c => c.ShotId == shotId && c.TakeId == takeId)
            .Select(c => new
            {
                Comment = c,
                Author = c.Author!.DisplayName,
                Mentioned = context.CommentMentions.Where(m => m.CommentId == c.Id)
                    .Join(context.Users, m => m.UserId, u => u.Id, (m, u) => u.DisplayName).ToList(),
                ResolvedBy = context.Users.Where(u => u.Id == c.ResolvedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        CommentView View(Comment c, string author, List<string> mentioned) => c.DeletedAt is null
            ? new CommentView(c.Id, c.AuthorUserId, author, c.Body, CommentMentions.Highlight(markdown.ToHtml(c.Body), mentioned),
                c.CreatedAt, c.EditedAt, IsDeleted: false, c.AuthorUserId == userId, mentioned)
            : new CommentView(c.Id, c.AuthorUserId, author, "", "<p>" + DeletedText + "</p>", c.CreatedAt, c.EditedAt, IsDeleted: true, IsMine: false, []);

        var replies = rows.Where(r => r.Comment.ThreadId is not null).ToLookup(r => r.Comment.ThreadId!.Value);
        var threads = new List<CommentThreadView>();
        foreach (var root in rows.Where(r => r.Comment.ThreadId is null).OrderBy(r => r.Comment.CreatedAt).ThenBy(r => r.Comment.Id))
        {
            var comments = new List<CommentView> { View(root.Comment, root.Author, root.Mentioned) };
            comments.AddRange(replies[root.Comment.Id].OrderBy(r => r.Comment.CreatedAt).ThenBy(r => r.Comment.Id)
                .Select(r => View(r.Comment, r.Author, r.Mentioned)));
            var frame = root.Comment.FrameIndex;
            threads.Add(new CommentThreadView(
                root.Comment.Id, shotId, takeId, frame,
                frame is { } f && target.FrameRate > 0 ? (double)f / target.FrameRate : null,
                root.Comment.ResolvedAt is not null, root.ResolvedBy, root.Comment.ResolvedAt,
                root.Comment.AuthorUserId == userId || role >= ProjectRole.Reviewer,
                comments));
        }
        return threads;
    }

    /// <summary>Comment counts of every shot in the project of <paramref name="shotId"/>, for the storyboard cards.</summary>
    public async Task<ProjectCommentCounts> CountsForProjectOfShotAsync(int shotId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var projectId = await context.Shots.Where(s => s.Id == shotId).Select(s => (int?)s.Scene!.ProjectId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That shot no longer exists.");
        return await CountsAsync(projectId, userId, cancellationToken);
    }

    public async Task<ProjectCommentCounts> CountsAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Viewer, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var shotIds = await context.Shots.Where(s => s.Scene!.ProjectId == projectId && s.DeletedAt == null).Select(s => s.Id).ToListAsync(cancellationToken);
        var comments = await context.Comments.Where(c => c.ProjectId == projectId)
            .Select(c => new { c.ShotId, c.ThreadId, c.DeletedAt, c.ResolvedAt }).ToListAsync(cancellationToken);
        var counts = comments.GroupBy(c => c.ShotId).ToDictionary(
            g => g.Key,
            g => new ShotCommentCount(g.Count(c => c.DeletedAt is null), g.Count(c => c.ThreadId is null && c.ResolvedAt is null)));
        return new ProjectCommentCounts(projectId, shotIds.ToHashSet(), counts);
    }

    /// <summary>The members one can mention in the project, by display name.</summary>
    public async Task<IReadOnlyList<MentionCandidate>> MentionCandidatesAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Viewer, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var members = await MembersAsync(context, projectId, cancellationToken);
        return members.OrderBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Opens a thread; returns its id (the id of its first comment).</summary>
    public async Task<int> StartThreadAsync(CommentDraft draft, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var target = await FindTargetAsync(context, draft.ShotId, draft.TakeId, cancellationToken);
        await access.RequireAsync(target.ProjectId, userId, ProjectRole.Viewer, cancellationToken);
        if (draft.FrameIndex is { } frame)
        {
            if (draft.TakeId is null)
            {
                throw new StudioInputException("A frame can only be given for a comment on a take: comment on the take whose clip you mean.");
            }
            if (frame < 0 || frame >= target.FrameCount)
            {
                throw new StudioInputException($"Frame {frame} is not in this take's clip: it has frames 0 to {target.FrameCount - 1}.");
            }
        }
        var body = Body(draft.Body);
        var mentioned = await MentionsAsync(context, target.ProjectId, body, cancellationToken);
        var comment = new Comment
        {
            ProjectId = target.ProjectId,
            ShotId = draft.ShotId,
            TakeId = draft.TakeId,
            FrameIndex = draft.FrameIndex,
            AuthorUserId = userId,
            Body = body,
            CreatedAt = clock.GetUtcNow(),
            Mentions = mentioned.Select(m => new CommentMention { UserId = m.UserId }).ToList(),
        };
        context.Comments.Add(comment);
        await context.SaveChangesAsync(cancellationToken);

        var author = await DisplayNameAsync(context, userId, cancellationToken);
        Publish(comment, author, draft.TakeId is null ? $"commented on shot '{target.ShotTitle}'" : $"commented on take {draft.TakeId} of shot '{target.ShotTitle}'");
        await notifications.DeliverAsync(MentionNotifications(comment, mentioned, author, target, []), cancellationToken);
        return comment.Id;
    }

    /// <summary>Adds a reply at the end of a thread; returns the reply's id.</summary>
    public async Task<int> ReplyAsync(int threadId, string text, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var root = await context.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == threadId, cancellationToken)
            ?? throw new NotFoundException("That thread no longer exists.");
        if (root.ThreadId is not null)
        {
            throw new StudioInputException("Reply to the thread, not to one of its replies: threads are one level deep.");
        }
        var target = await FindTargetAsync(context, root.ShotId, root.TakeId, cancellationToken);
        await access.RequireAsync(target.ProjectId, userId, ProjectRole.Viewer, cancellationToken);
        var body = Body(text);
        var mentioned = await MentionsAsync(context, target.ProjectId, body, cancellationToken);
        var reply = new Comment
        {
            ProjectId = root.ProjectId,
            ShotId = root.ShotId,
            TakeId = root.TakeId,
            ThreadId = root.Id,
            AuthorUserId = userId,
            Body = body,
            CreatedAt = clock.GetUtcNow(),
            Mentions = mentioned.Select(m => new CommentMention { UserId = m.UserId }).ToList(),
        };
        context.Comments.Add(reply);
        await context.SaveChangesAsync(cancellationToken);

        var author = await DisplayNameAsync(context, userId, cancellationToken);
        Publish(reply, author, $"replied on shot '{target.ShotTitle}'");
        // Everyone already in the thread (who wrote in it or was mentioned in it) hears about the reply.
        var participants = await context.Comments.Where(c => c.Id == root.Id || c.ThreadId == root.Id)
            .Select(c => c.AuthorUserId)
            .Union(context.CommentMentions.Where(m => context.Comments.Any(c => c.Id == m.CommentId && (c.Id == root.Id || c.ThreadId == root.Id))).Select(m => m.UserId))
            .ToListAsync(cancellationToken);
        await notifications.DeliverAsync(MentionNotifications(reply, mentioned, author, target, participants), cancellationToken);
        return reply.Id;
    }

    /// <summary>Changes the text of one's own comment; newly mentioned members are notified.</summary>
    public async Task EditAsync(int commentId, string text, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var comment = await context.Comments.Include(c => c.Mentions).FirstOrDefaultAsync(c => c.Id == commentId && c.DeletedAt == null, cancellationToken)
            ?? throw new NotFoundException("That comment no longer exists.");
        var target = await FindTargetAsync(context, comment.ShotId, comment.TakeId, cancellationToken);
        await access.RequireAsync(target.ProjectId, userId, ProjectRole.Viewer, cancellationToken);
        RequireAuthor(comment, userId, "edit");
        var body = Body(text);
        var mentioned = await MentionsAsync(context, target.ProjectId, body, cancellationToken);
        comment.Body = body;
        comment.EditedAt = clock.GetUtcNow();
        comment.Mentions.RemoveAll(m => !mentioned.Any(x => x.UserId == m.UserId));
        foreach (var member in mentioned.Where(x => !comment.Mentions.Any(m => m.UserId == x.UserId)))
        {
            comment.Mentions.Add(new CommentMention { UserId = member.UserId });
        }
        await context.SaveChangesAsync(cancellationToken);

        var author = await DisplayNameAsync(context, userId, cancellationToken);
        Publish(comment, author, $"edited a comment on shot '{target.ShotTitle}'");
        await notifications.DeliverAsync(MentionNotifications(comment, mentioned, author, target, []), cancellationToken);
    }

    /// <summary>
    /// Deletes one's own comment. A thread's opening comment with replies leaves "deleted" in its place, so the replies
    /// keep their context; anything else is removed.
    /// </summary>
    public async Task DeleteAsync(int commentId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var comment = await context.Comments.Include(c => c.Mentions).FirstOrDefaultAsync(c => c.Id == commentId && c.DeletedAt == null, cancellationToken)
            ?? throw new NotFoundException("That comment no longer exists.");
        var target = await FindTargetAsync(context, comment.ShotId, comment.TakeId, cancellationToken);
        await access.RequireAsync(target.ProjectId, userId, ProjectRole.Viewer, cancellationToken);
        RequireAuthor(comment, userId, "delete");
        var hasReplies = comment.ThreadId is null && await context.Comments.AnyAsync(c => c.ThreadId == comment.Id, cancellationToken);
        if (hasReplies)
        {
            comment.DeletedAt = clock.GetUtcNow();
            comment.Body = "";
            comment.Mentions.Clear();
        }
        else
        {
            context.Comments.Remove(comment);
            // A reply that was the last one left under a deleted opening comment takes the empty thread with it.
            if (comment.ThreadId is { } threadId
                && await context.Comments.FirstOrDefaultAsync(c => c.Id == threadId && c.DeletedAt != null, cancellationToken) is { } deletedRoot
                && !await context.Comments.AnyAsync(c => c.ThreadId == threadId && c.Id != comment.Id, cancellationToken))
            {
                context.Comments.Remove(deletedRoot);
            }
        }
        await context.SaveChangesAsync(cancellationToken);
        Publish(comment, await DisplayNameAsync(context, userId, cancellationToken), $"deleted a comment on shot '{target.ShotTitle}'");
    }

    public Task ResolveAsync(int threadId, string userId, CancellationToken cancellationToken = default) =>
        SetResolvedAsync(threadId, userId, resolved: true, cancellationToken);

    public Task ReopenAsync(int threadId, string userId, CancellationToken cancellationToken = default) =>
        SetResolvedAsync(threadId, userId, resolved: false, cancellationToken);

    private async Task SetResolvedAsync(int threadId, string userId, bool resolved, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var root = await context.Comments.FirstOrDefaultAsync(c => c.Id == threadId, cancellationToken)
            ?? throw new NotFoundException("That thread no longer exists.");
        if (root.ThreadId is not null)
        {
            throw new StudioInputException("Resolve or reopen the thread itself, not one of its replies.");
        }
        var target = await FindTargetAsync(context, root.ShotId, root.TakeId, cancellationToken);
        var role = await access.RequireAsync(target.ProjectId, userId, ProjectRole.Viewer, cancellationToken);
        if (root.AuthorUserId != userId && role < ProjectRole.Reviewer)
        {
            throw new ProjectAccessDeniedException(
                $"Only the thread's author or a reviewer (or above) can {(resolved ? "resolve" : "reopen")} it; you are a {role}. Reply instead.", isMember: true);
        }
        if ((root.ResolvedAt is not null) == resolved)
        {
            return;
        }
        root.ResolvedAt = resolved ? clock.GetUtcNow() : null;
        root.ResolvedByUserId = resolved ? userId : null;
        await context.SaveChangesAsync(cancellationToken);
        Publish(root, await DisplayNameAsync(context, userId, cancellationToken),
            $"{(resolved ? "resolved" : "reopened")} a thread on shot '{target.ShotTitle}'");
    }

    private string Body(string? text)
    {
        var body = (text ?? "").Trim();
        if (body.Length == 0)
        {
            throw new StudioInputException("A comment needs some text. Write what you want to say, then post it.");
        }
        var max = options.Value.MaxCommentLength;
        if (body.Length > max)
        {
            throw new StudioInputException($"A comment can have at most {max:N0} characters; this one has {body.Length:N0}. Shorten it or split it into replies.");
        }
        return body;
    }

    private async Task<IReadOnlyList<MentionCandidate>> MentionsAsync(StudioDbContext context, int projectId, string body, CancellationToken cancellationToken)
    {
        if (!body.Contains('@', StringComparison.Ordinal))
        {
            return [];
        }
        var scan = CommentMentions.Find(body, await MembersAsync(context, projectId, cancellationToken));
        if (scan.Unknown.Count > 0)
        {
            var names = string.Join(", ", scan.Unknown.Select(n => "'@" + n + "'"));
            throw new StudioInputException(
                $"{names} {(scan.Unknown.Count == 1 ? "is" : "are")} not a member of this project. Mention members by the name the suggestions after '@' offer, or write the name without '@'.");
        }
        var max = options.Value.MaxMentions;
        if (scan.Members.Count > max)
        {
            throw new StudioInputException($"A comment can mention at most {max} {(max == 1 ? "member" : "members")}; this one mentions {scan.Members.Count}.");
        }
        return scan.Members;
    }

    private static async Task<List<MentionCandidate>> MembersAsync(StudioDbContext context, int projectId, CancellationToken cancellationToken) =>
        await context.ProjectMembers.AsNoTracking().Where(m => m.ProjectId == projectId)
            .Select(m => new MentionCandidate(m.UserId, m.User!.DisplayName)).ToListAsync(cancellationToken);

    private static void RequireAuthor(Comment comment, string userId, string action)
    {
        if (comment.AuthorUserId != userId)
        {
            throw new ProjectAccessDeniedException($"You can only {action} your own comments. Reply to this one instead.", isMember: true);
        }
    }

    private static async Task<string> DisplayNameAsync(StudioDbContext context, string userId, CancellationToken cancellationToken) =>
        await context.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "Someone";

    private void Publish(Comment comment, string author, string summary) =>
        feed.Publish(new ProjectChange(comment.ProjectId, ProjectChangeKind.Comment, comment.Id, comment.ShotId, comment.AuthorUserId, author, summary, clock.GetUtcNow()));

    private static List<NotificationDraft> MentionNotifications(
        Comment comment, IReadOnlyList<MentionCandidate> mentioned, string author, CommentTarget target, IEnumerable<string> participants)
    {
        var where = comment.TakeId is null ? $"shot '{target.ShotTitle}'" : $"take {comment.TakeId} of shot '{target.ShotTitle}'";
        var link = $"projects/{comment.ProjectId}/shots/{comment.ShotId}#comment-{comment.Id}";
        var excerpt = NotificationService.Shorten(Markdig.Markdown.ToPlainText(comment.Body), 160);
        var drafts = mentioned.Where(m => m.UserId != comment.AuthorUserId)
            .Select(m => new NotificationDraft(m.UserId, comment.ProjectId, NotificationKind.Mention,
                $"{author} mentioned you on {where}", excerpt, link, $"comment:{comment.Id}:mention"))
            .ToList();
        foreach (var user in participants.Distinct().Where(p => p != comment.AuthorUserId && !mentioned.Any(m => m.UserId == p)))
        {
            drafts.Add(new NotificationDraft(user, comment.ProjectId, NotificationKind.Reply,
                $"{author} replied in a thread you are in, on {where}", excerpt, link, $"comment:{comment.Id}:reply"));
        }
        return drafts;
    }

    private static async Task<CommentTarget> FindTargetAsync(StudioDbContext context, int shotId, int? takeId, CancellationToken cancellationToken)
    {
        var shot = await context.Shots.AsNoTracking().Where(s => s.Id == shotId && s.DeletedAt == null)
            .Select(s => new { s.Scene!.ProjectId, s.Title }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That shot no longer exists; it may have been deleted.");
        if (takeId is null)
        {
            return new CommentTarget(shot.ProjectId, shot.Title, 0, 0);
        }
        var take = await context.Takes.AsNoTracking().Where(t => t.Id == takeId && t.ShotId == shotId)
            .Select(t => new { t.FrameRate, t.FrameCount }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Take {takeId} is not a take of this shot (any more).");
        return new CommentTarget(shot.ProjectId, shot.Title, take.FrameRate, take.FrameCount);
    }

    private sealed record CommentTarget(int ProjectId, string ShotTitle, int FrameRate, int FrameCount);
}
