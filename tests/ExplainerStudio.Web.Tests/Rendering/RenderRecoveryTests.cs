using ExplainerStudio.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests.Rendering;

public sealed class RenderRecoveryTests : IDisposable
{
    // Outside either studio's own temp root, which each deletes when disposed.
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "es-recovery-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task JobInterruptedThreeTimes_IsFailedAtStartUp_NotRenderedAgain()
    {
        int jobId;
        using (var first = new RenderStudio(new Dictionary<string, string?> { ["Data:Directory"] = _dataDirectory, ["Rendering:RunWorkers"] = "false" }))
        {
            var owner = await RenderFixtures.AddUserAsync(first.Services, "Owner");
            var (_, shots) = await RenderFixtures.AddProjectAsync(first.Services, owner);
            jobId = await first.Get<RenderQueue>().GenerateShotAsync(shots[0], owner);
            await using var db = first.Db();
            // As the row looks after the process died during its third attempt.
            await db.RenderJobs.Where(j => j.Id == jobId)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.Status, RenderJobStatus.Running).SetProperty(j => j.Attempts, RenderWorker.MaxAttempts));
        }

        using var second = new RenderStudio(new Dictionary<string, string?> { ["Data:Directory"] = _dataDirectory });
        var job = await RenderFixtures.WaitForJobAsync(second.Services, jobId, j => j.Status != RenderJobStatus.Running && j.Status != RenderJobStatus.Queued);

        Assert.Equal(RenderJobStatus.Failed, job.Status);
        Assert.Contains("3 times", job.Error, StringComparison.Ordinal);
        await using var check = second.Db();
        Assert.Equal(0, await check.Takes.CountAsync(t => t.JobId == jobId));
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
