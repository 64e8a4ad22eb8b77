using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Comments;
using ExplainerStudio.Web.Collaboration.Notifications;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests.Collaboration.Discussion;

/// <summary>A project with one member of every role and an outsider, made through the real services.</summary>
internal sealed class DiscussionProject
{
    private DiscussionProject(StudioFactory factory, Storyboard board, int shotId, IReadOnlyDictionary<ProjectRole, StudioUser> members, StudioUser outsider)
    {
        Factory = factory;
        Board = board;
        ShotId = shotId;
        Members = members;
        Outsider = outsider;
    }

    public StudioFactory Factory { get; }
    public Storyboard Board { get; }
    public int ProjectId => Board.ProjectId;
    public int ShotId { get; }
    public IReadOnlyDictionary<ProjectRole, StudioUser> Members { get; }
    public StudioUser Outsider { get; }
    public StudioUser Owner => Members[ProjectRole.Owner];
    public CommentService Comments => Factory.Get<CommentService>();
    public NotificationService Notifications => Factory.Get<NotificationService>();

    /// <summary>Every caller of the authorisation matrix: null is the outsider.</summary>
    public static readonly ProjectRole?[] Callers = [null, ProjectRole.Viewer, ProjectRole.Reviewer, ProjectRole.Editor, ProjectRole.Owner];

    public StudioUser Caller(ProjectRole? role) => role is { } r ? Members[r] : Outsider;

    public static async Task<DiscussionProject> CreateAsync(StudioFactory factory)
    {
        var board = await Storyboard.CreateAsync(factory, 2);
        var memberships = factory.Get<MembershipService>();
        var members = new Dictionary<ProjectRole, StudioUser> { [ProjectRole.Owner] = board.Owner };
        foreach (var role in new[] { ProjectRole.Viewer, ProjectRole.Reviewer, ProjectRole.Editor })
        {
            var user = await factory.CreateUserAsync();
            await memberships.AddAsync(board.ProjectId, board.Owner.Id, user.Email!, role);
            members[role] = user;
        }
        var shot = await board.ShotAsync("S1.1");
        return new DiscussionProject(factory, board, shot.Id, members, await factory.CreateUserAsync());
    }

    /// <summary>A take row of the shot as the render worker leaves it (no files: comments never read them).</summary>
    public async Task<int> AddTakeAsync(int frameRate = 4, int frameCount = 8)
    {
        await using var context = await Factory.Get<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        var take = new Take
        {
            JobId = -Random.Shared.Next(1, int.MaxValue),
            ProjectId = ProjectId,
            ShotId = ShotId,
            FrameRate = frameRate,
            FrameCount = frameCount,
            Width = 64,
            Height = 36,
            CreatedByUserId = Owner.Id,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        context.Takes.Add(take);
        await context.SaveChangesAsync();
        return take.Id;
    }

    public static string Mention(StudioUser user) => "@" + user.DisplayName;
}
