using ExplainerStudio.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests.Rendering;

public class RenderQueueTests : IDisposable
{
    private readonly RenderStudio _studio;

    public RenderQueueTests()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>The same tests on another database (<paramref name="database"/>: its Data settings).</summary>
    protected RenderQueueTests(IReadOnlyDictionary<string, string?> database) => _studio = new(database);

    [Fact]
    public async Task QueuedJobs_RunByPriorityThenAge()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 4);
        var queue = _studio.Get<RenderQueue>();
        var template = await _studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner);
        await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, template);

        // Written in one transaction so the worker sees all four at once and must choose by priority, then age.
        var now = DateTimeOffset.UtcNow;
        var jobs = new List<RenderJob>();
        await using (var context = _studio.Db())
        {
            var inputs = (await context.RenderJobs.SingleAsync(j => j.Id == template)).InputsJson;
            RenderJob Job(int shot, RenderPriority priority, int ageSeconds) => new()
            {
                ProjectId = projectId, ShotId = shot, Priority = priority, Status = RenderJobStatus.Queued, RequestedByUserId = owner,
                CreatedAt = now.AddSeconds(-ageSeconds), QueuedAt = now.AddSeconds(-ageSeconds), InputsJson = inputs,
            };
            jobs.AddRange([Job(shots[0], RenderPriority.Low, 30), Job(shots[1], RenderPriority.High, 10), Job(shots[2], RenderPriority.Normal, 20), Job(shots[3], RenderPriority.High, 20)]);
            context.RenderJobs.AddRange(jobs);
            await context.SaveChangesAsync();
        }
        _studio.Get<ExplainerStudio.Web.Jobs.JobSignal<RenderJob>>().Notify();

        foreach (var job in jobs)
        {
            await RenderFixtures.WaitForJobAsync(_studio.Services, job.Id, j => j.Status == RenderJobStatus.Succeeded);
        }
        await using var check = _studio.Db();
        var ids = jobs.Select(j => j.Id).ToList();
        var order = await check.RenderJobs.Where(j => ids.Contains(j.Id)).OrderBy(j => j.StartedAt).Select(j => j.Id).ToListAsync();
        Assert.Equal([jobs[3].Id, jobs[1].Id, jobs[2].Id, jobs[0].Id], order);
    }

    // Minutes of work (3600 frames of 45 refine steps) that only a cancel can end, however fast the machine.
    private const int LongSteps = 150;
    private const int LongFrameRate = 60;

    [Fact]
    public async Task Cancel_StopsARunningJobAndSkipsAQueuedOne()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (_, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 2, seconds: 60, steps: LongSteps, frameRate: LongFrameRate);
        var queue = _studio.Get<RenderQueue>();
        var running = await queue.GenerateShotAsync(shots[0], owner);
        var waiting = await queue.GenerateShotAsync(shots[1], owner);
        await RenderFixtures.WaitForJobAsync(_studio.Services, running, j => j.Status == RenderJobStatus.Running);

        await queue.CancelAsync(waiting, owner);
        await queue.CancelAsync(running, owner);

        var stopped = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, running);
        var skipped = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, waiting);
        Assert.Equal(RenderJobStatus.Cancelled, stopped.Status);
        Assert.Equal(RenderJobStatus.Cancelled, skipped.Status);
        Assert.Null(skipped.StartedAt);
        await using var context = _studio.Db();
        Assert.Empty(await context.Takes.ToListAsync());
        Assert.False(Directory.Exists(_studio.Get<TakeStore>().JobDirectory(running)));
    }

    [Fact]
    public async Task RetriedJob_RunsAgainAndPriorityCanChangeWhileQueued()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (_, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 2, seconds: 60, steps: LongSteps, frameRate: LongFrameRate);
        var queue = _studio.Get<RenderQueue>();
        var blocker = await queue.GenerateShotAsync(shots[0], owner);
        var job = await queue.GenerateShotAsync(shots[1], owner, priority: RenderPriority.Low);
        await RenderFixtures.WaitForJobAsync(_studio.Services, blocker, j => j.Status == RenderJobStatus.Running);

        await queue.SetPriorityAsync(job, owner, RenderPriority.Urgent);
        await queue.CancelAsync(job, owner);
        await queue.CancelAsync(blocker, owner);
        await RenderFixtures.WaitForJobAsync(_studio.Services, blocker, j => j.Status == RenderJobStatus.Cancelled);
        var longSteps = $"\"steps\":{LongSteps}";
        await using (var context = _studio.Db())
        {
            await context.Shots.Where(s => s.Id == shots[1]).ExecuteUpdateAsync(u => u.SetProperty(s => s.DurationSeconds, 0.5));
            await context.RenderJobs.Where(j => j.Id == job).ExecuteUpdateAsync(u => u.SetProperty(j => j.InputsJson, j => j.InputsJson.Replace("\"durationSeconds\":60", "\"durationSeconds\":0.5").Replace(longSteps, "\"steps\":4")));
        }
        await queue.RetryAsync(job, owner);

        var finished = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, job);
        Assert.Equal(RenderJobStatus.Succeeded, finished.Status);
        Assert.Equal(RenderPriority.Urgent, finished.Priority);
        Assert.Equal(1, finished.Attempts);
    }

    public void Dispose() => _studio.Dispose();
}
