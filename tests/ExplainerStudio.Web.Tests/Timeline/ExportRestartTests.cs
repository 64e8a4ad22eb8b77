using ExplainerStudio.Media.Export;
using ExplainerStudio.Web.Tests.Rendering;
using ExplainerStudio.Web.Timeline;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests.Timeline;

public sealed class ExportRestartTests : IDisposable
{
    // Outside either studio's own temp root, which each deletes when disposed.
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "es-export-restart-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(ExportStatus.Queued)]
    [InlineData(ExportStatus.Running)]
    public async Task ExportLeftByAStoppedStudio_FinishesOnceAfterTheRestart(ExportStatus leftAs)
    {
        int exportId;
        string owner;
        using (var first = new RenderStudio(new Dictionary<string, string?> { ["Data:Directory"] = _dataDirectory, ["Rendering:RunWorkers"] = "false" }))
        {
            owner = await RenderFixtures.AddUserAsync(first.Services, "Owner");
            var (projectId, _) = await RenderFixtures.AddProjectAsync(first.Services, owner, shots: 1);
            await using var db = first.Db();
            // As the row looks when the studio stopped before its worker took the export, or in the middle of it.
            var job = new ExportJob
            {
                ProjectId = projectId,
                RequestedById = owner,
                Status = leftAs,
                Resolution = ExportResolution.Preview360,
                Aspect = ExportAspect.Landscape16x9,
                Fit = ExportFit.Pad,
                Subtitles = SubtitleMode.None,
                CreatedAt = DateTimeOffset.UtcNow,
                Progress = leftAs == ExportStatus.Running ? 0.4 : 0,
            };
            db.ExportJobs.Add(job);
            await db.SaveChangesAsync();
            exportId = job.Id;
        }

        using var second = new RenderStudio(new Dictionary<string, string?> { ["Data:Directory"] = _dataDirectory, ["Rendering:RunWorkers"] = "false" });
        var exports = second.Get<ExportService>();
        for (var attempt = 0; attempt < 600 && (await exports.GetAsync(exportId, owner)).CanCancel; attempt++)
        {
            await Task.Delay(100);
        }

        var export = await exports.GetAsync(exportId, owner);
        Assert.True(export.Status == ExportStatus.Succeeded, $"{export.Status}: {export.Error}");
        await using var check = second.Db();
        Assert.Single(await check.ExportJobs.ToListAsync());
        var videos = Directory.GetFiles(Path.Combine(_dataDirectory, "exports"), "*.mp4", SearchOption.AllDirectories);
        Assert.Equal([$"export-{exportId}.mp4"], videos.Select(Path.GetFileName));
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
