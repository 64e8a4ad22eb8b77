using System.Net;
using ExplainerStudio.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests.Rendering;

public sealed class RenderRecoveryTests : IDisposable
{
    // Outside either studio's own temp root, which each deletes when disposed.
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "es-recovery-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task JobKilledManyTimesAtDifferentPoints_IsQueuedAgainEveryTime_AndStillFinishesWithOneTake()
    {
        int jobId;
        using (var first = new RenderStudio(new Dictionary<string, string?> { ["Data:Directory"] = _dataDirectory, ["Rendering:RunWorkers"] = "false" }))
        {
            var owner = await RenderFixtures.AddUserAsync(first.Services, "Owner");
            var (_, shots) = await RenderFixtures.AddProjectAsync(first.Services, owner);
            jobId = await first.Get<RenderQueue>().GenerateShotAsync(shots[0], owner);
            for (var kill = 1; kill <= 6; kill++)
            {
                await InterruptAsync(first, jobId, attempts: kill, phase: kill % 2 == 0 ? "frames" : "keyframe", step: kill);
                await first.Get<RenderJobRecovery>().RecoverAsync();
                await using var db = first.Db();
                Assert.Equal(RenderJobStatus.Queued, (await db.RenderJobs.SingleAsync(j => j.Id == jobId)).Status);
            }
        }

        using var second = new RenderStudio(new Dictionary<string, string?> { ["Data:Directory"] = _dataDirectory });
        var job = await RenderFixtures.WaitUntilFinishedAsync(second.Services, jobId);

        Assert.True(job.Status == RenderJobStatus.Succeeded, $"{job.Status}: {job.Error}");
        await using var check = second.Db();
        Assert.Equal(1, await check.Takes.CountAsync(t => t.JobId == jobId));
    }

    [Fact]
    public async Task JobThatStopsTheStudioAtTheSamePointEveryTime_IsGivenUpOn_WithTheEvidence()
    {
        using var studio = new RenderStudio(new Dictionary<string, string?> { ["Data:Directory"] = _dataDirectory, ["Rendering:RunWorkers"] = "false" });
        var owner = await RenderFixtures.AddUserAsync(studio.Services, "Owner");
        var (_, shots) = await RenderFixtures.AddProjectAsync(studio.Services, owner);
        var jobId = await studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner);
        var statuses = new List<RenderJobStatus>();

        for (var crash = 1; crash <= RenderJobRecovery.CrashesBeforeGivingUp; crash++)
        {
            await InterruptAsync(studio, jobId, attempts: crash, phase: "frames", step: 7);
            await studio.Get<RenderJobRecovery>().RecoverAsync();
            await using var db = studio.Db();
            statuses.Add((await db.RenderJobs.SingleAsync(j => j.Id == jobId)).Status);
        }

        Assert.Equal([RenderJobStatus.Queued, RenderJobStatus.Queued, RenderJobStatus.Failed], statuses);
        await using var check = studio.Db();
        var job = await check.RenderJobs.SingleAsync(j => j.Id == jobId);
        Assert.Contains("3 times in a row at the same point of this render (frames:7)", job.Error, StringComparison.Ordinal);
        Assert.Contains("retry", job.Error, StringComparison.Ordinal);
        Assert.Equal(0, await check.Takes.CountAsync(t => t.JobId == jobId));
    }

    [Fact]
    public async Task StopsWithSeveralJobsRunning_BlameNoneOfThem()
    {
        using var studio = new RenderStudio(new Dictionary<string, string?> { ["Data:Directory"] = _dataDirectory, ["Rendering:RunWorkers"] = "false" });
        var owner = await RenderFixtures.AddUserAsync(studio.Services, "Owner");
        var (_, shots) = await RenderFixtures.AddProjectAsync(studio.Services, owner, shots: 2);
        var first = await studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner);
        var second = await studio.Get<RenderQueue>().GenerateShotAsync(shots[1], owner);

        for (var crash = 1; crash <= RenderJobRecovery.CrashesBeforeGivingUp + 2; crash++)
        {
            await InterruptAsync(studio, first, attempts: crash, phase: "frames", step: 3);
            await InterruptAsync(studio, second, attempts: crash, phase: "frames", step: 3);
            await studio.Get<RenderJobRecovery>().RecoverAsync();
        }

        await using var db = studio.Db();
        Assert.All(await db.RenderJobs.ToListAsync(), j => Assert.Equal((RenderJobStatus.Queued, 0), (j.Status, j.CrashStreak)));
    }

    [Fact]
    public async Task AJobGivenUpOn_CanBeRetriedAndCancelledThroughTheApi()
    {
        using var studio = new RenderStudio(new Dictionary<string, string?> { ["Data:Directory"] = _dataDirectory, ["Rendering:RunWorkers"] = "false" });
        var owner = await RenderFixtures.AddUserAsync(studio.Services, "Owner");
        var (_, shots) = await RenderFixtures.AddProjectAsync(studio.Services, owner);
        var jobId = await studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner);
        for (var crash = 1; crash <= RenderJobRecovery.CrashesBeforeGivingUp; crash++)
        {
            await InterruptAsync(studio, jobId, attempts: crash, phase: "keyframe", step: 2);
            await studio.Get<RenderJobRecovery>().RecoverAsync();
        }
        using var client = studio.ClientFor(owner);

        var retried = await client.PostAsync($"/api/render/jobs/{jobId}/retry", null);
        await using (var afterRetry = studio.Db())
        {
            var queued = await afterRetry.RenderJobs.SingleAsync(j => j.Id == jobId);
            Assert.Equal((RenderJobStatus.Queued, 0, null), (queued.Status, queued.CrashStreak, queued.Error));
        }
        var cancelled = await client.PostAsync($"/api/render/jobs/{jobId}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        await using var db = studio.Db();
        var job = await db.RenderJobs.SingleAsync(j => j.Id == jobId);
        Assert.Equal((RenderJobStatus.Cancelled, 0), (job.Status, job.CrashStreak));
    }

    /// <summary>The row as an unclean stop of the studio leaves it: running, with the progress it last saved.</summary>
    private static async Task InterruptAsync(RenderStudio studio, int jobId, int attempts, string phase, int step)
    {
        await using var db = studio.Db();
        await db.RenderJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(u => u
            .SetProperty(j => j.Status, RenderJobStatus.Running)
            .SetProperty(j => j.Attempts, attempts)
            .SetProperty(j => j.Phase, phase)
            .SetProperty(j => j.Step, step));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
