using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Jobs;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Tests.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ExplainerStudio.Web.Tests.Jobs;

public sealed class JobProgressTests : IDisposable
{
    private readonly RenderStudio _studio = new(new Dictionary<string, string?> { ["Rendering:RunWorkers"] = "false" });

    [Fact]
    public async Task ProgressSaves_AreThrottledToTheInterval_AndNeverRunOnTheReportingThread()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (_, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        var jobId = await _studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counting = new CountingContextFactory(_studio.Get<StudioPaths>().DatabasePath);
        var store = new JobStore<RenderJob>(counting, new RenderJobKind(), new JobOwner(),
            Options.Create(new JobOptions { LeaseSeconds = 3600, HeartbeatSeconds = 600 }), clock);
        var job = await store.ClaimAsync(CancellationToken.None);
        Assert.NotNull(job);
        counting.Reset();
        const int reports = 400;
        var interval = TimeSpan.FromMilliseconds(500);
        var every = TimeSpan.FromMilliseconds(10);

        await using (var run = store.Start(job, interval, NullLogger.Instance, CancellationToken.None))
        {
            for (var step = 1; step <= reports; step++)
            {
                var reported = step;
                CountingContextFactory.Reporting(() => run.Report(u => u.SetProperty(j => j.Step, reported)));
                clock.Advance(every);
                if (step % 50 == 0)
                {
                    // Lets the save loop catch up now and then, as a real render's steps take time.
                    await Task.Delay(20);
                }
            }
            clock.Advance(interval);
            await WaitForStepAsync(jobId, reports);
        }

        // 400 reports over 4.5 s of the clock: at most one save per 500 ms (nine), never one per report.
        var maximum = (int)((reports * every + interval) / interval) + 1;
        Assert.InRange(counting.Updates, 2, maximum);
        Assert.Equal(0, counting.UpdatesWhileReporting);
    }

    private async Task WaitForStepAsync(int jobId, int step)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            await using var db = _studio.Db();
            if ((await db.RenderJobs.AsNoTracking().SingleAsync(j => j.Id == jobId)).Step == step)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The last reported step ({step}) was never saved.");
    }

    public void Dispose() => _studio.Dispose();
}
