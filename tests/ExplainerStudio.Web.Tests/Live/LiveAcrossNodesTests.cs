using System.Collections.Concurrent;
using System.Text.Json;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Live;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Tests.Collaboration;
using ExplainerStudio.Web.Tests.Rendering;

namespace ExplainerStudio.Web.Tests.Live;

/// <summary>
/// Two web nodes on one database and one real Redis (Live:Redis): what is committed or rendered on one node reaches
/// the other node's in-process feed (its pages) and its hub clients once each, and never comes back as an echo. On
/// SQLite here, on PostgreSQL in <see cref="LiveAcrossNodesOnPostgreSqlTests"/>.
/// </summary>
public class LiveAcrossNodesTests : IAsyncLifetime
{
    private const string ChangeMethod = "change";
    private LiveNodes _nodes = default!;

    protected virtual bool OnPostgreSql => false;

    public async Task InitializeAsync() => _nodes = await LiveNodes.StartAsync(OnPostgreSql);

    [Fact]
    public async Task ChangeCommittedOnNodeB_ReachesNodeAsFeedAndHubClient_ExactlyOnce_WithoutEchoOnB()
    {
        var (a, b) = (_nodes.A, _nodes.B);
        Assert.Equal((LiveState.Connected, LiveState.Connected), (a.Get<LiveConnection>().State, b.Get<LiveConnection>().State));
        var owner = await RenderFixtures.AddUserAsync(a.Services, "Owner");
        var (projectId, _) = await RenderFixtures.AddProjectAsync(a.Services, owner);
        await using var hubOnA = await a.ConnectHubAsync(owner);
        Assert.Null(await hubOnA.InvokeAsync("JoinProject", projectId));
        using var feedOnA = new ChangeRecorder(a.Get<ProjectChangeFeed>(), projectId);
        using var feedOnB = new ChangeRecorder(b.Get<ProjectChangeFeed>(), projectId);
        using var arrivedOnA = Arrivals(a.Get<ProjectChangeFeed>(), projectId);

        var sceneId = await b.Get<StoryboardService>().AddSceneAsync(projectId, owner, "Made on node B");
        // A second commit on B, then one on A: Redis keeps one channel's order, so once A has the marker from B every
        // copy of the first change has reached A, and once B has A's marker any echo of B's own change would have too.
        var markerFromB = await b.Get<StoryboardService>().AddSceneAsync(projectId, owner, "Marker from B");
        await arrivedOnA.WaitForAsync(c => c.EntityId == markerFromB);
        await hubOnA.ReadUntilAsync(ChangeMethod, e => EntityId(e) == markerFromB);
        using var arrivedOnB = Arrivals(b.Get<ProjectChangeFeed>(), projectId);
        var markerFromA = await a.Get<StoryboardService>().AddSceneAsync(projectId, owner, "Marker from A");
        await arrivedOnB.WaitForAsync(c => c.EntityId == markerFromA);

        var onA = Assert.Single(feedOnA.Take(), c => c.EntityId == sceneId);
        Assert.Equal((ProjectChangeKind.Scene, "Owner", b.Id), (onA.Kind, onA.ActorName, onA.FromNode));
        Assert.Null(onA.OriginCircuitId);
        var sent = Assert.Single(hubOnA.Received, m => IsChange(m) && EntityId(Argument(m)) == sceneId);
        Assert.Equal("Owner", Argument(sent).GetProperty("actorName").GetString());
        Assert.False(Argument(sent).TryGetProperty("fromNode", out _));
        var onB = Assert.Single(feedOnB.Take(), c => c.EntityId == sceneId);
        Assert.Null(onB.FromNode);
        // A's own commit reached its hub client once too: from A's relay, not again from B.
        await hubOnA.ReadUntilAsync(ChangeMethod, e => EntityId(e) == markerFromA);
        Assert.Single(hubOnA.Received, m => IsChange(m) && EntityId(Argument(m)) == markerFromA);
    }

    [Fact]
    public async Task RenderProgressOfAJobRenderedOnNodeB_ReachesAHubClientAndThePagesOfNodeA_OnceEach_InOrder()
    {
        var (a, b) = (_nodes.A, _nodes.B);
        var owner = await RenderFixtures.AddUserAsync(a.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(a.Services, owner);
        await using var hubOnA = await a.ConnectHubAsync(owner);
        Assert.Null(await hubOnA.InvokeAsync("JoinProject", projectId));
        var raisedOnA = new ConcurrentQueue<RenderEvent>();
        var raisedOnB = new ConcurrentQueue<RenderEvent>();
        var pagesOnA = new ConcurrentQueue<RenderEvent>();
        using var localOnA = a.Get<RenderProgressNotifier>().Events.SubscribeLocal(raisedOnA.Enqueue);
        using var localOnB = b.Get<RenderProgressNotifier>().Events.SubscribeLocal(raisedOnB.Enqueue);
        using var pageOnA = a.Get<RenderProgressNotifier>().Subscribe(pagesOnA.Enqueue, projectId);

        // Queued through node A, which runs no workers: node B's worker claims and renders it.
        var jobId = await a.Get<RenderQueue>().GenerateShotAsync(shots[0], owner);
        var received = await hubOnA.CollectAsync(RenderHub.ProgressMethod, e => e.GetProperty("jobId").GetInt32() == jobId,
            e => e.GetProperty("kind").GetInt32() is (int)RenderEventKind.Succeeded or (int)RenderEventKind.Failed);
        var job = await RenderFixtures.WaitUntilFinishedAsync(a.Services, jobId);

        Assert.True(job.Status == RenderJobStatus.Succeeded, $"{job.Status}: {job.Error}");
        var ofA = raisedOnA.Where(e => e.JobId == jobId).ToList();
        var ofB = raisedOnB.Where(e => e.JobId == jobId).ToList();
        Assert.Equal([RenderEventKind.Queued], ofA.Select(e => e.Kind));
        Assert.Contains(ofB, e => e.Kind == RenderEventKind.Progress);
        // The hub client on A got A's queued event and B's events, each once, B's in the order B raised them (the two
        // nodes' events may interleave: B can claim the job before A has announced it).
        var fromB = received.Where(e => e.GetProperty("kind").GetInt32() != (int)RenderEventKind.Queued).ToList();
        Assert.Single(received, e => e.GetProperty("kind").GetInt32() == (int)RenderEventKind.Queued);
        Assert.Equal(
            ofB.Select(e => (e.Kind, e.Step, e.RaisedAt)),
            fromB.Select(e => ((RenderEventKind)e.GetProperty("kind").GetInt32(), e.GetProperty("step").GetInt32(), e.GetProperty("raisedAt").GetDateTimeOffset())));
        // A's pages saw the very same events through A's own notifier, B's as B raised them (previews included).
        await WaitUntilAsync(() => pagesOnA.Any(e => e.JobId == jobId && e.IsFinal));
        Assert.Equal(ofA, pagesOnA.Where(e => e.JobId == jobId && e.Kind == RenderEventKind.Queued));
        Assert.Equal(ofB, pagesOnA.Where(e => e.JobId == jobId && e.Kind != RenderEventKind.Queued));
        Assert.Null(a.Get<RenderProgressNotifier>().Latest(jobId));
    }

    [Fact]
    public async Task RedisDown_NodesKeepWorkingOnTheirOwnAndSaySo_ThenReconnect()
    {
        var (a, b) = (_nodes.A, _nodes.B);
        var owner = await RenderFixtures.AddUserAsync(a.Services, "Owner");
        var (projectId, _) = await RenderFixtures.AddProjectAsync(a.Services, owner);
        var connectionA = a.Get<LiveConnection>();
        var degraded = StateReached(connectionA, LiveState.Degraded);

        await _nodes.Redis.StopAsync();
        await degraded.WaitAsync(TimeSpan.FromSeconds(60));
        using var feedOnA = new ChangeRecorder(a.Get<ProjectChangeFeed>(), projectId);
        var local = await a.Get<StoryboardService>().AddSceneAsync(projectId, owner, "Made on A while Redis is down");

        Assert.Equal(LiveState.Degraded, connectionA.State);
        Assert.Equal(local, Assert.Single(feedOnA.Take()).EntityId);

        var connected = StateReached(connectionA, LiveState.Connected);
        await _nodes.Redis.StartAgainAsync();
        await connected.WaitAsync(TimeSpan.FromSeconds(60));
        await WaitUntilAsync(() => b.Get<LiveConnection>().State == LiveState.Connected);
        // The subscriptions are made again on the new connection shortly after it opens; until then a commit's update
        // is lost (pages re-read on the next one), so commit until one arrives.
        using var arrivedOnA = Arrivals(a.Get<ProjectChangeFeed>(), projectId);
        var commits = new List<int>();
        var arrived = false;
        for (var attempt = 0; attempt < 60 && !arrived; attempt++)
        {
            commits.Add(await b.Get<StoryboardService>().AddSceneAsync(projectId, owner, "Made on B after Redis came back"));
            arrived = await arrivedOnA.TryWaitAsync(c => commits.Contains(c.EntityId ?? 0), TimeSpan.FromMilliseconds(500));
        }
        Assert.True(arrived, "No change from node B reached node A after Redis came back.");
    }

    private static bool IsChange(JsonElement message) => message.GetProperty("target").GetString() == ChangeMethod;

    private static JsonElement Argument(JsonElement message) => message.GetProperty("arguments")[0];

    private static int? EntityId(JsonElement change) =>
        change.TryGetProperty("entityId", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetInt32() : null;

    private static ChangeArrivals Arrivals(ProjectChangeFeed feed, int projectId) => new(feed, projectId);

    private static Task StateReached(LiveConnection connection, LiveState state)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Changed += () =>
        {
            if (connection.State == state)
            {
                reached.TrySetResult();
            }
        };
        if (connection.State == state)
        {
            reached.TrySetResult();
        }
        return reached.Task;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public async Task DisposeAsync() => await _nodes.DisposeAsync();
}
