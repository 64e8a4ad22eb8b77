using System.Collections.Concurrent;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Approvals;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Tests.Collaboration;

/// <summary>
/// What keeps a change fast with many members' pages open: pages get the change off the publisher's thread, and the
/// pages reacting to one change share one read of the project's rows, while each user's access is still checked and no
/// page ever gets a read older than the change it reacts to.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class SharedLiveReadTests(StudioFixture studio)
{
    private StudioFactory Factory => studio.Factory;

    [Fact]
    public async Task BackgroundSubscribers_RunAfterPublishReturns_InPublishOrder()
    {
        var feed = Factory.Get<ProjectChangeFeed>();
        var projectId = int.MaxValue - 7;
        using var published = new ManualResetEventSlim();
        var received = new ConcurrentQueue<(long Sequence, bool AfterPublish)>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inline = new ConcurrentQueue<long>();
        using var background = feed.SubscribeInBackground(change =>
        {
            // A handler run inside Publish would wait here for Publish to return, and time out.
            received.Enqueue((change.Sequence, published.Wait(TimeSpan.FromSeconds(10))));
            if (received.Count == 40)
            {
                all.TrySetResult();
            }
        }, projectId);
        using var onPublisher = feed.Subscribe(change => inline.Enqueue(change.Sequence), projectId);

        for (var i = 0; i < 40; i++)
        {
            feed.Publish(new ProjectChange(projectId, ProjectChangeKind.Shot, i, i, null, null, "edited", DateTimeOffset.UtcNow));
        }
        Assert.Equal(40, inline.Count);
        published.Set();
        await all.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(received, r => Assert.True(r.AfterPublish));
        Assert.Equal(inline.ToArray(), received.Select(r => r.Sequence).ToArray());
        Assert.Equal(inline.Order().ToArray(), inline.ToArray());
        Assert.Equal(inline.Last(), feed.LatestSequence(projectId));
    }

    [Fact]
    public async Task BackgroundSubscriber_GetsNothingOnceDisposed()
    {
        var feed = Factory.Get<ProjectChangeFeed>();
        var projectId = int.MaxValue - 8;
        using var release = new ManualResetEventSlim();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var subscription = feed.SubscribeInBackground(_ =>
        {
            Interlocked.Increment(ref calls);
            first.TrySetResult();
            release.Wait(TimeSpan.FromSeconds(10));
        }, projectId);

        feed.Publish(new ProjectChange(projectId, ProjectChangeKind.Shot, 1, 1, null, null, "one", DateTimeOffset.UtcNow));
        await first.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Queued behind the first while it runs, then the page closes.
        feed.Publish(new ProjectChange(projectId, ProjectChangeKind.Shot, 2, 2, null, null, "two", DateTimeOffset.UtcNow));
        subscription.Dispose();
        release.Set();
        feed.Publish(new ProjectChange(projectId, ProjectChangeKind.Shot, 3, 3, null, null, "three", DateTimeOffset.UtcNow));

        // Not a proof that the first queue has drained (nothing outside it can see that), but its leftover change was
        // queued before this one: a subscription that ignored its disposal would almost always be called again by now.
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (feed.SubscribeInBackground(_ => drained.TrySetResult(), projectId))
        {
            feed.Publish(new ProjectChange(projectId, ProjectChangeKind.Shot, 4, 4, null, null, "four", DateTimeOffset.UtcNow));
            await drained.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        Assert.Equal(1, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task PagesReactingToOneChange_ShareOneStoryboardRead_WithEachUsersOwnRole()
    {
        var team = await ApprovalsTeam.CreateAsync(Factory);
        var service = Factory.Get<StoryboardService>();
        using var changes = new ChangeRecorder(Factory.Get<ProjectChangeFeed>(), team.ProjectId);
        var shot = await team.Board.ShotAsync("S1.1");
        var change = await changes.OneAsync(() => service.UpdateShotAsync(Storyboard.EditOf(shot) with { Title = "Renamed" }, team.Owner.Id));

        StoryboardView? owners = null, viewers = null;
        Exception? outsiders = null;
        await ProjectChangeReaction.RunAsync(change, async () =>
        {
            owners = await service.GetStoryboardAsync(team.ProjectId, team.Owner.Id);
            viewers = await service.GetStoryboardAsync(team.ProjectId, team.People["viewer"].Id);
            outsiders = await Record.ExceptionAsync(() => service.GetStoryboardAsync(team.ProjectId, team.People["outsider"].Id));
        });

        Assert.Same(owners!.Scenes, viewers!.Scenes);
        Assert.Equal("Renamed", owners.FindShot(shot.Id)!.Title);
        Assert.Equal((ProjectRole.Owner, ProjectRole.Viewer), (owners.Role, viewers.Role));
        Assert.IsType<ProjectAccessDeniedException>(outsiders);
    }

    [Fact]
    public async Task AReactionToALaterChange_NeverGetsARead_ThatStartedBeforeIt()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var service = board.Service;
        using var changes = new ChangeRecorder(Factory.Get<ProjectChangeFeed>(), board.ProjectId);
        var shot = await board.ShotAsync("S1.1");
        var first = await changes.OneAsync(() => service.UpdateShotAsync(Storyboard.EditOf(shot) with { Title = "First" }, board.Owner.Id));
        StoryboardView? afterFirst = null, afterSecond = null, again = null;
        await ProjectChangeReaction.RunAsync(first, async () => afterFirst = await board.ReadAsync());

        var edited = afterFirst!.FindShot(shot.Id)!;
        var second = await changes.OneAsync(() => service.UpdateShotAsync(Storyboard.EditOf(edited) with { Title = "Second" }, board.Owner.Id));
        await ProjectChangeReaction.RunAsync(second, async () => afterSecond = await board.ReadAsync());
        await ProjectChangeReaction.RunAsync(first, async () => again = await board.ReadAsync());

        Assert.True(second.Sequence > first.Sequence);
        Assert.Equal("First", afterFirst.FindShot(shot.Id)!.Title);
        Assert.Equal("Second", afterSecond!.FindShot(shot.Id)!.Title);
        Assert.NotSame(afterFirst.Scenes, afterSecond.Scenes);
        // A read that started after the later change is fresh enough for a page still reacting to the earlier one.
        Assert.Same(afterSecond.Scenes, again!.Scenes);
    }

    [Fact]
    public async Task OutsideAReaction_EveryReadIsItsOwn()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        using var changes = new ChangeRecorder(Factory.Get<ProjectChangeFeed>(), board.ProjectId);
        var shot = await board.ShotAsync("S1.1");
        var change = await changes.OneAsync(() => board.Service.UpdateShotAsync(Storyboard.EditOf(shot) with { Title = "Edited" }, board.Owner.Id));
        StoryboardView? reacting = null;
        await ProjectChangeReaction.RunAsync(change, async () => reacting = await board.ReadAsync());

        var opened = await board.ReadAsync();
        var openedAgain = await board.ReadAsync();

        Assert.Null(ProjectChangeReaction.Current);
        Assert.NotSame(reacting!.Scenes, opened.Scenes);
        Assert.NotSame(opened.Scenes, openedAgain.Scenes);
    }

    [Fact]
    public async Task ApprovalsReactingToOneChange_ShareOneRead_AndAnOutsiderIsStillRefused()
    {
        var team = await ApprovalsTeam.CreateAsync(Factory);
        using var changes = new ChangeRecorder(Factory.Get<ProjectChangeFeed>(), team.ProjectId);
        var shot = await team.Board.ShotAsync("S1.1");
        var approvals = Factory.Get<ApprovalService>();
        var change = await changes.OneAsync(() => approvals.SetAsync(shot.Id, ApprovalState.InReview, "", 0, team.People["editor"].Id));

        IReadOnlyDictionary<int, ShotApprovalView>? reviewers = null, viewers = null;
        Exception? outsiders = null;
        await ProjectChangeReaction.RunAsync(change, async () =>
        {
            reviewers = await approvals.ListAsync(team.ProjectId, team.People["reviewer"].Id);
            viewers = await approvals.ListAsync(team.ProjectId, team.People["viewer"].Id);
            outsiders = await Record.ExceptionAsync(() => approvals.ListAsync(team.ProjectId, team.People["outsider"].Id));
        });

        Assert.Same(reviewers, viewers);
        Assert.Equal(ApprovalState.InReview, reviewers![shot.Id].State);
        Assert.IsType<ProjectAccessDeniedException>(outsiders);
    }
}
