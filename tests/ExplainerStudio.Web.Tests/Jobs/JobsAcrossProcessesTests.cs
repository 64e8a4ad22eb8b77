using ExplainerStudio.Media.Export;
using ExplainerStudio.Media.Timeline;
using ExplainerStudio.Web.Jobs;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Tests.Rendering;
using ExplainerStudio.Web.Timeline;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests.Jobs;

/// <summary>Two studios (two hosts, each with its own services and workers) over one data folder and SQLite file.</summary>
public sealed class JobsAcrossProcessesTests : IDisposable
{
    private static readonly ExportRequestEdit Big = new(ExportResolution.Hd1080, ExportAspect.Square1x1, ExportFit.Crop, SubtitleMode.None);
    private static readonly ExportRequestEdit Preview = new(ExportResolution.Preview360, ExportAspect.Landscape16x9, ExportFit.Pad, SubtitleMode.None);

    // Outside either studio's own temp root, which each deletes when disposed.
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "es-jobs-" + Guid.NewGuid().ToString("N"));
    private readonly List<RenderStudio> _studios = [];

    [Fact]
    public async Task ExportCancelledInAnotherProcess_StopsOnItsWorker()
    {
        var first = Studio();
        var owner = await RenderFixtures.AddUserAsync(first.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(first.Services, owner, shots: 1, seconds: 60);
        await first.Get<TimelineService>().UpdateCutAsync(shots[0], new TimelineCutEdit(true, TransitionKind.Cut, 0, 0), owner);
        var running = new TaskCompletionSource();
        var final = new TaskCompletionSource<ExportEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = first.Get<ExportProgressNotifier>().Subscribe(e =>
        {
            if (e.Progress > 0)
            {
                running.TrySetResult();
            }
            if (e.IsFinal)
            {
                final.TrySetResult(e);
            }
        }, projectId);
        var exportId = await first.Get<ExportService>().StartAsync(projectId, Big, owner);
        await running.Task.WaitAsync(TimeSpan.FromSeconds(120));

        var second = Studio(runRenders: false);
        await second.Get<ExportService>().CancelAsync(exportId, owner);

        var stopped = await final.Task.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.Equal(ExportStatus.Cancelled, stopped.Status);
        await using var db = second.Db();
        var row = await db.ExportJobs.SingleAsync(j => j.Id == exportId);
        Assert.Equal((ExportStatus.Cancelled, null), (row.Status, row.LeaseOwner));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_dataDirectory, "exports"), "*.mp4", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task RenderCancelledInAnotherProcess_StopsOnItsWorker()
    {
        var first = Studio();
        var owner = await RenderFixtures.AddUserAsync(first.Services, "Owner");
        var (_, shots) = await RenderFixtures.AddProjectAsync(first.Services, owner, seconds: 60, steps: 150, frameRate: 60);
        var jobId = await first.Get<RenderQueue>().GenerateShotAsync(shots[0], owner);
        await RenderFixtures.WaitForJobAsync(first.Services, jobId, j => j.Status == RenderJobStatus.Running && j.Step > 0);

        var second = Studio(runRenders: false);
        await second.Get<RenderQueue>().CancelAsync(jobId, owner);

        var stopped = await RenderFixtures.WaitUntilFinishedAsync(second.Services, jobId);
        Assert.True(stopped.Status == RenderJobStatus.Cancelled, $"{stopped.Status}: {stopped.Error}");
        Assert.Null(stopped.LeaseOwner);
        await using var db = second.Db();
        Assert.Empty(await db.Takes.ToListAsync());
    }

    [Fact]
    public async Task RunningExportOfALiveWorker_IsLeftAlone_UntilItsLeaseExpires_ThenFinishesOnce()
    {
        int exportId;
        string owner;
        // A worker of this process that holds the export and then stops beating (as a hung or cut-off worker would).
        var liveOwner = new JobOwner().Id;
        var leaseEnds = DateTimeOffset.UtcNow.AddSeconds(10);
        using (var setup = new RenderStudio(Settings(runRenders: false)))
        {
            owner = await RenderFixtures.AddUserAsync(setup.Services, "Owner");
            var (projectId, _) = await RenderFixtures.AddProjectAsync(setup.Services, owner, shots: 1);
            await using var db = setup.Db();
            var job = new ExportJob
            {
                ProjectId = projectId,
                RequestedById = owner,
                Status = ExportStatus.Running,
                Resolution = Preview.Resolution,
                Aspect = Preview.Aspect,
                Fit = Preview.Fit,
                Subtitles = Preview.Subtitles,
                CreatedAt = DateTimeOffset.UtcNow,
                Progress = 0.4,
                LeaseOwner = liveOwner,
                LeaseExpiresAt = leaseEnds,
            };
            db.ExportJobs.Add(job);
            await db.SaveChangesAsync();
            exportId = job.Id;
        }

        var studio = Studio(runRenders: false, leaseSeconds: 2);
        var exports = studio.Get<ExportService>();
        ExportJob row;
        DateTimeOffset firstChange;
        while (true)
        {
            await using var db = studio.Db();
            row = await db.ExportJobs.AsNoTracking().SingleAsync(j => j.Id == exportId);
            if (row.Status != ExportStatus.Running || row.LeaseOwner != liveOwner)
            {
                firstChange = DateTimeOffset.UtcNow;
                break;
            }
            Assert.True(DateTimeOffset.UtcNow < leaseEnds.AddMinutes(2), "The expired lease was never reclaimed.");
            await Task.Delay(50);
        }
        for (var attempt = 0; attempt < 1200 && (await exports.GetAsync(exportId, owner)).CanCancel; attempt++)
        {
            await Task.Delay(100);
        }

        Assert.True(firstChange >= leaseEnds, $"The export was taken over at {firstChange:O}, before its lease ended at {leaseEnds:O}.");
        var export = await exports.GetAsync(exportId, owner);
        Assert.True(export.Status == ExportStatus.Succeeded, $"{export.Status}: {export.Error}");
        var videos = Directory.GetFiles(Path.Combine(_dataDirectory, "exports"), "*.mp4", SearchOption.AllDirectories);
        Assert.Equal([$"export-{exportId}.mp4"], videos.Select(Path.GetFileName));
    }

    private RenderStudio Studio(bool runRenders = true, int leaseSeconds = 30)
    {
        var studio = new RenderStudio(Settings(runRenders, leaseSeconds));
        _studios.Add(studio);
        return studio;
    }

    private Dictionary<string, string?> Settings(bool runRenders, int leaseSeconds = 30) => new()
    {
        ["Data:Directory"] = _dataDirectory,
        ["Rendering:RunWorkers"] = runRenders ? "true" : "false",
        ["Jobs:LeaseSeconds"] = leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Jobs:HeartbeatSeconds"] = "0.2",
    };

    public void Dispose()
    {
        foreach (var studio in _studios)
        {
            studio.Dispose();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
