using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Tests.Collaboration;

/// <summary>
/// A project with one member of every role (and an outsider), made through the real membership service, for the
/// authorisation matrices. Every account has <see cref="Password"/> so the HTTP tests can sign in as any of them.
/// </summary>
internal sealed class ApprovalsTeam
{
    public const string Password = "team-password-42";

    private ApprovalsTeam(StudioFactory factory, Storyboard board, IReadOnlyDictionary<string, StudioUser> people)
    {
        Factory = factory;
        Board = board;
        People = people;
    }

    /// <summary>"outsider", "viewer", "reviewer", "editor", "owner" (the project's creator).</summary>
    public static readonly string[] Roles = ["outsider", "viewer", "reviewer", "editor", "owner"];

    public StudioFactory Factory { get; }
    public Storyboard Board { get; }
    public IReadOnlyDictionary<string, StudioUser> People { get; }
    public int ProjectId => Board.ProjectId;
    public StudioUser Owner => Board.Owner;

    public static async Task<ApprovalsTeam> CreateAsync(StudioFactory factory)
    {
        var owner = await factory.CreateUserAsync(Password);
        var service = factory.Get<StoryboardService>();
        var projectId = await service.CreateProjectAsync(owner.Id, "Team " + Guid.NewGuid().ToString("N")[..8], "");
        var sceneId = await service.AddSceneAsync(projectId, owner.Id, "Scene 1");
        await service.AddShotAsync(sceneId, owner.Id, "S1.1");
        var people = new Dictionary<string, StudioUser> { ["owner"] = owner, ["outsider"] = await factory.CreateUserAsync(Password) };
        var members = factory.Get<MembershipService>();
        foreach (var (name, role) in new[] { ("viewer", ProjectRole.Viewer), ("reviewer", ProjectRole.Reviewer), ("editor", ProjectRole.Editor) })
        {
            var user = await factory.CreateUserAsync(Password);
            await members.AddAsync(projectId, owner.Id, user.Email!, role);
            people[name] = user;
        }
        return new ApprovalsTeam(factory, new Storyboard(factory, owner, projectId), people);
    }

    /// <summary>The lowest role a check names, as one of <see cref="Roles"/>.</summary>
    public static bool Allows(string person, ProjectRole minimum) => person switch
    {
        "outsider" => false,
        "viewer" => minimum <= ProjectRole.Viewer,
        "reviewer" => minimum <= ProjectRole.Reviewer,
        "editor" => minimum <= ProjectRole.Editor,
        _ => true,
    };

    public async Task<int> SceneIdAsync() => (await Board.ReadAsync()).Scenes[0].Id;

    /// <summary>A fresh shot made by the owner, so that each attempt of a matrix starts from the same state.</summary>
    public async Task<ShotView> NewShotAsync(string title)
    {
        var id = await Board.Service.AddShotAsync(await SceneIdAsync(), Owner.Id, title);
        return (await Board.ReadAsync()).FindShot(id)!;
    }
}
