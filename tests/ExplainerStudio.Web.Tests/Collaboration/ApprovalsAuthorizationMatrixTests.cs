using ExplainerStudio.Media.Export;
using ExplainerStudio.Media.Timeline;
using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Activity;
using ExplainerStudio.Web.Collaboration.Approvals;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Timeline;

namespace ExplainerStudio.Web.Tests.Collaboration;

/// <summary>
/// Every new approval and activity method, and the studio's existing state-changing ones, tried by a non-member, a
/// viewer, a reviewer, an editor and an owner: the role each needs is enough and nothing less is, and a refused
/// attempt changes nothing in the database.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class ApprovalsAuthorizationMatrixTests(StudioFixture studio)
{
    private StudioFactory Factory => studio.Factory;

    /// <summary>An action and the role it needs; <see cref="Arrange"/> sets up a fresh target and returns the attempt for a user id.</summary>
    private sealed record Operation(string Name, ProjectRole Minimum, Func<ApprovalsTeam, Task<Func<string, Task>>> Arrange, bool InputRefusalIsPass = false);

    private ApprovalService Approvals => Factory.Get<ApprovalService>();
    private ActivityService Activity => Factory.Get<ActivityService>();

    private IEnumerable<Operation> NewOperations() =>
    [
        new("approval: read one", ProjectRole.Viewer, async team =>
        {
            var shot = await team.NewShotAsync("read");
            return user => Approvals.GetAsync(shot.Id, user);
        }),
        new("approval: read the board", ProjectRole.Viewer, team => Attempt(user => Approvals.ListAsync(team.ProjectId, user))),
        new("approval: submit for review", ProjectRole.Editor, async team =>
        {
            var shot = await team.NewShotAsync("submit");
            return user => Approvals.SetAsync(shot.Id, ApprovalState.InReview, null, 0, user);
        }),
        new("approval: back to draft", ProjectRole.Editor, async team =>
        {
            var shot = await team.NewShotAsync("draft");
            var inReview = await Approvals.SetAsync(shot.Id, ApprovalState.InReview, null, 0, team.Owner.Id);
            return user => Approvals.SetAsync(shot.Id, ApprovalState.Draft, null, inReview.Version, user);
        }),
        new("approval: approve", ProjectRole.Reviewer, async team =>
        {
            var shot = await team.NewShotAsync("approve");
            var inReview = await Approvals.SetAsync(shot.Id, ApprovalState.InReview, null, 0, team.Owner.Id);
            return user => Approvals.SetAsync(shot.Id, ApprovalState.Approved, "Looks right.", inReview.Version, user);
        }),
        new("approval: request changes", ProjectRole.Reviewer, async team =>
        {
            var shot = await team.NewShotAsync("changes");
            return user => Approvals.SetAsync(shot.Id, ApprovalState.ChangesRequested, "Ada should face the camera.", 0, user);
        }),
        new("activity: read the log", ProjectRole.Viewer, team => Attempt(user => Activity.ListAsync(team.ProjectId, user))),
        new("activity: read the people", ProjectRole.Viewer, team => Attempt(user => Activity.ActorsAsync(team.ProjectId, user))),
        new("activity: read a shot's history", ProjectRole.Viewer, async team =>
        {
            var shot = await team.NewShotAsync("history");
            return user => Activity.ShotHistoryAsync(shot.Id, user);
        }),
        new("activity: read an earlier version", ProjectRole.Viewer, async team =>
        {
            var (shot, created) = await EditedShotAsync(team);
            return user => Activity.VersionAtAsync(shot.Id, created, user);
        }),
        new("activity: restore an earlier version", ProjectRole.Editor, async team =>
        {
            var (shot, created) = await EditedShotAsync(team);
            return user => Activity.RestoreAsync(shot.Id, created, shot.Version, user);
        }),
    ];

    private IEnumerable<Operation> ExistingOperations() =>
    [
        new("storyboard: add a scene", ProjectRole.Editor, team => Attempt(user => team.Board.Service.AddSceneAsync(team.ProjectId, user, "Added"))),
        new("storyboard: rename a scene", ProjectRole.Editor, async team =>
        {
            var scene = (await team.Board.ReadAsync()).Scenes[0];
            return user => team.Board.Service.RenameSceneAsync(scene.Id, scene.Version, user, "Renamed " + Guid.NewGuid().ToString("N")[..4]);
        }),
        new("storyboard: add a shot", ProjectRole.Editor, async team =>
        {
            var sceneId = await team.SceneIdAsync();
            return user => team.Board.Service.AddShotAsync(sceneId, user, "Added shot");
        }),
        new("storyboard: edit a shot", ProjectRole.Editor, async team =>
        {
            var shot = await team.NewShotAsync("edit");
            return user => team.Board.Service.UpdateShotAsync(Storyboard.EditOf(shot) with { Title = "Edited" }, user);
        }),
        new("storyboard: move a shot", ProjectRole.Editor, async team =>
        {
            var shot = await team.NewShotAsync("move");
            return user => team.Board.Service.MoveShotAsync(shot.Id, shot.SceneId, 0, user);
        }),
        new("storyboard: duplicate a shot", ProjectRole.Editor, async team =>
        {
            var shot = await team.NewShotAsync("duplicate");
            return user => team.Board.Service.DuplicateShotAsync(shot.Id, user);
        }),
        new("storyboard: delete a shot", ProjectRole.Editor, async team =>
        {
            var shot = await team.NewShotAsync("delete");
            return user => team.Board.Service.DeleteShotAsync(shot.Id, user);
        }),
        new("characters: create", ProjectRole.Editor, team => Attempt(user => team.Board.Characters.CreateAsync(team.ProjectId, user, "C" + Guid.NewGuid().ToString("N")[..6], ""))),
        new("timeline: change a cut", ProjectRole.Editor, async team =>
        {
            var shot = await team.NewShotAsync("cut");
            return user => Factory.Get<TimelineService>().UpdateCutAsync(shot.Id, new TimelineCutEdit(true, TransitionKind.Crossfade, 1, 0), user);
        }),
        // An export with no size chosen is refused after the access check, so the check is tried without running ffmpeg.
        new("export: start", ProjectRole.Editor, team => Attempt(user => Factory.Get<ExportService>().StartAsync(team.ProjectId,
            new ExportRequestEdit((ExportResolution)999, ExportAspect.Landscape16x9, ExportFit.Pad, SubtitleMode.BurnedIn), user)), InputRefusalIsPass: true),
        new("members: invite", ProjectRole.Owner, team => Attempt(user => Factory.Get<InvitationService>().CreateAsync(team.ProjectId, ProjectRole.Viewer, user))),
        new("members: add", ProjectRole.Owner, async team =>
        {
            var newcomer = await Factory.CreateUserAsync();
            return user => Factory.Get<MembershipService>().AddAsync(team.ProjectId, user, newcomer.Email!, ProjectRole.Viewer);
        }),
        // Last: an allowed render leaves a job that only stops at its next step.
        new("render: generate a shot", ProjectRole.Editor, async team =>
        {
            var shot = await team.NewShotAsync("render");
            return async user =>
            {
                var queue = Factory.Get<RenderQueue>();
                var job = await queue.GenerateShotAsync(shot.Id, user);
                await queue.CancelAsync(job, user);
                // A running job stops at its next step; later attempts compare the whole database, so wait for that.
                using var stopped = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                while ((await queue.GetJobAsync(job, user)).Status is RenderJobStatus.Queued or RenderJobStatus.Running)
                {
                    await Task.Delay(50, stopped.Token);
                }
            };
        }),
    ];

    [Fact]
    public async Task NewApprovalAndActivityMethods_NeedTheirRole_AndRefusalsChangeNothing() =>
        await RunMatrixAsync(NewOperations());

    [Fact]
    public async Task ExistingStateChangingMethods_NeedTheirRole_AndRefusalsChangeNothing() =>
        await RunMatrixAsync(ExistingOperations());

    [Fact]
    public void ApprovalRules_OfferEachRoleOnlyWhatItMayDo()
    {
        Assert.Empty(ApprovalRules.TargetsFor(null, ApprovalState.Draft));
        Assert.Empty(ApprovalRules.TargetsFor(ProjectRole.Viewer, ApprovalState.InReview));
        Assert.Equal([ApprovalState.ChangesRequested, ApprovalState.Approved], ApprovalRules.TargetsFor(ProjectRole.Reviewer, ApprovalState.InReview));
        Assert.Equal([ApprovalState.Draft, ApprovalState.ChangesRequested, ApprovalState.Approved], ApprovalRules.TargetsFor(ProjectRole.Editor, ApprovalState.InReview));
        Assert.Equal([ApprovalState.InReview, ApprovalState.ChangesRequested, ApprovalState.Approved], ApprovalRules.TargetsFor(ProjectRole.Owner, ApprovalState.Draft));
    }

    private async Task RunMatrixAsync(IEnumerable<Operation> operations)
    {
        var team = await ApprovalsTeam.CreateAsync(Factory);
        var failures = new List<string>();
        foreach (var operation in operations)
        {
            foreach (var person in ApprovalsTeam.Roles)
            {
                var attempt = await operation.Arrange(team);
                var allowed = ApprovalsTeam.Allows(person, operation.Minimum);
                var before = allowed ? null : await DatabaseSnapshot.TakeAsync(Factory);
                var outcome = await OutcomeAsync(() => attempt(team.People[person].Id));
                var expected = !allowed ? (person == "outsider" ? "not a member" : "role too low") : "done";
                var acceptable = outcome == expected || (allowed && operation.InputRefusalIsPass && outcome == "input refused");
                if (!acceptable)
                {
                    failures.Add($"{operation.Name} as {person}: expected {expected}, got {outcome}");
                }
                if (before is not null)
                {
                    before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task<string> OutcomeAsync(Func<Task> attempt)
    {
        try
        {
            await attempt();
            return "done";
        }
        catch (ProjectAccessDeniedException e)
        {
            return e.IsMember ? "role too low" : "not a member";
        }
        catch (StudioInputException)
        {
            return "input refused";
        }
    }

    private static Task<Func<string, Task>> Attempt(Func<string, Task> attempt) => Task.FromResult(attempt);

    /// <summary>A fresh shot whose title the owner changed once; returns it and the id of its creation entry.</summary>
    private async Task<(ShotView Shot, int CreatedEntryId)> EditedShotAsync(ApprovalsTeam team)
    {
        var shot = await team.NewShotAsync("versioned " + Guid.NewGuid().ToString("N")[..4]);
        await team.Board.Service.UpdateShotAsync(Storyboard.EditOf(shot) with { Title = shot.Title + " (edited)" }, team.Owner.Id);
        var history = await Activity.ShotHistoryAsync(shot.Id, team.Owner.Id);
        return ((await team.Board.ReadAsync()).FindShot(shot.Id)!, history[^1].Id);
    }
}
