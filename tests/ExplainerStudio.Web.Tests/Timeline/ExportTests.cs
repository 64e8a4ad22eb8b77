using System.Net;
using ExplainerStudio.Media;
using ExplainerStudio.Media.Export;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Timeline;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Tests.Rendering;
using ExplainerStudio.Web.Timeline;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests.Timeline;

public sealed class ExportTests : IDisposable
{
    private static readonly ExportRequestEdit Square = new(ExportResolution.Hd720, ExportAspect.Square1x1, ExportFit.Crop, SubtitleMode.SoftTrack);
    private readonly RenderStudio _studio = new();

    public void Dispose() => _studio.Dispose();

    [Fact]
    public async Task ExportOfProject_UsesTakesAndPlaceholders_AndDownloadsAVerifiedMp4WithSidecars()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var stranger = await RenderFixtures.AddUserAsync(_studio.Services, "Stranger");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 2, seconds: 1);
        var job = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, await _studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner));
        Assert.Equal(RenderJobStatus.Succeeded, job.Status);
        var timelineService = _studio.Get<TimelineService>();
        await timelineService.UpdateCutAsync(shots[0], new TimelineCutEdit(false, TransitionKind.Crossfade, 0.5, 0), owner);

        var exportId = await _studio.Get<ExportService>().StartAsync(projectId, Square, owner);
        var export = await WaitForExportAsync(exportId, owner);
        // Read after the export made the scratch speech: before it, a read times lines from estimates.
        var timeline = await timelineService.GetAsync(projectId, owner);

        Assert.Equal(2, timeline.Shots.Count);
        Assert.Equal(job.TakeId, timeline.Shots[0].TakeId);
        Assert.Null(timeline.Shots[1].TakeId);
        Assert.Equal(timeline.Shots[0].StartSeconds + timeline.Shots[0].DurationSeconds - 0.5, timeline.Shots[1].StartSeconds, 6);
        Assert.All(timeline.Shots.SelectMany(s => s.Lines), line => Assert.True(line.DurationSeconds > 0.3));
        Assert.Equal(ExportStatus.Succeeded, export.Status);
        Assert.Null(export.Error);

        using var client = _studio.ClientFor(owner);
        var response = await client.GetAsync($"/api/exports/{exportId}/file");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        var downloaded = Path.Combine(_studio.Root, "downloaded.mp4");
        await File.WriteAllBytesAsync(downloaded, await response.Content.ReadAsByteArrayAsync());
        var probe = await new FfmpegRunner(new MediaOptions()).ProbeAsync(downloaded);
        Assert.Equal(timeline.DurationSeconds, probe.Duration!.Value.TotalSeconds, 1.0 / RenderStudio.TestFrameRate);
        Assert.Equal((720, 720), (probe.Video!.Width, probe.Video.Height));
        Assert.Equal("aac", probe.Audio!.CodecName);
        Assert.Contains(probe.Streams, s => s.Kind == MediaStreamKind.Subtitle);

        var srt = await client.GetStringAsync($"/api/exports/{exportId}/file?kind=Srt");
        Assert.Contains(" --> ", srt, StringComparison.Ordinal);
        var vtt = await client.GetStringAsync($"/api/exports/{exportId}/file?kind=Vtt");
        Assert.StartsWith("WEBVTT", vtt, StringComparison.Ordinal);

        using var strangerClient = _studio.ClientFor(stranger);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.GetAsync($"/api/exports/{exportId}/file")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.GetAsync($"/api/projects/{projectId}/exports")).StatusCode);
        Assert.Single(await _studio.Get<ExportService>().ListAsync(projectId, owner));
    }

    [Fact]
    public async Task PinnedShotShorterThanItsDialogue_IsFlaggedAsOverflowing()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 1, seconds: 0.5);
        var timelineService = _studio.Get<TimelineService>();

        await timelineService.UpdateCutAsync(shots[0], new TimelineCutEdit(true, TransitionKind.Cut, 0, 0), owner);
        var timeline = await timelineService.GetAsync(projectId, owner);

        var shot = Assert.Single(timeline.Shots);
        Assert.Equal(0.5, shot.DurationSeconds);
        Assert.True(shot.Overflows);
        Assert.True(timeline.HasOverflow);
        Assert.True(shot.NeededSeconds > 0.5);
    }

    [Fact]
    public async Task TrimOutPoint_MakesTheShotLastFromInToOut_AndABackwardsTrimIsRefused()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 1);
        var timelineService = _studio.Get<TimelineService>();

        await timelineService.UpdateCutAsync(shots[0], new TimelineCutEdit(false, TransitionKind.Cut, 0, 0.5, 2.5), owner);
        var timeline = await timelineService.GetAsync(projectId, owner);
        var error = await Assert.ThrowsAsync<ExplainerStudio.Web.Storyboards.StudioInputException>(
            () => timelineService.UpdateCutAsync(shots[0], new TimelineCutEdit(false, TransitionKind.Cut, 0, 2, 1), owner));

        var shot = Assert.Single(timeline.Shots);
        Assert.Equal(2.0, shot.DurationSeconds, 6);
        Assert.Equal((0.5, 2.5), (shot.TrimInSeconds, shot.TrimOutSeconds!.Value));
        Assert.Contains("trim-out point", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyTimeline_ExportFailsWithAClearMessage_AndWritesNoFile()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, _) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 1);
        await using (var context = _studio.Db())
        {
            await context.Shots.Where(s => s.Scene!.ProjectId == projectId).ExecuteUpdateAsync(u => u.SetProperty(s => s.DeletedAt, DateTimeOffset.UtcNow));
        }

        var export = await WaitForExportAsync(await _studio.Get<ExportService>().StartAsync(projectId, Square, owner), owner);

        Assert.Equal(ExportStatus.Failed, export.Status);
        Assert.Contains("timeline is empty", export.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_studio.DataDirectory, "exports")) && Directory.EnumerateFiles(Path.Combine(_studio.DataDirectory, "exports"), "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task CharacterWithAVoiceTheTtsCannotSpeak_FailsTheExport_NamingTheCharacter()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, _) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 1);
        string name;
        await using (var context = _studio.Db())
        {
            var character = await context.DialogueLines.Where(d => d.Shot!.Scene!.ProjectId == projectId).Select(d => d.Character!).FirstAsync();
            character.Voice = "zz-nowhere";
            name = character.Name;
            await context.SaveChangesAsync();
        }

        var timeline = await _studio.Get<TimelineService>().GetAsync(projectId, owner);
        var export = await WaitForExportAsync(await _studio.Get<ExportService>().StartAsync(projectId, Square, owner), owner);

        Assert.Contains(timeline.Shots.SelectMany(s => s.Lines), line => line.Problem?.Contains("zz-nowhere", StringComparison.Ordinal) == true);
        Assert.Equal(ExportStatus.Failed, export.Status);
        Assert.Contains($"{name}: espeak-ng has no voice 'zz-nowhere'", export.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunningExport_CanBeCancelled_AndLeavesNoFile()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 1, seconds: 60);
        var exports = _studio.Get<ExportService>();
        await _studio.Get<TimelineService>().UpdateCutAsync(shots[0], new TimelineCutEdit(true, TransitionKind.Cut, 0, 0), owner);
        var running = new TaskCompletionSource();
        using var subscription = _studio.Get<ExportProgressNotifier>().Subscribe(
            e => { if (e.Progress > 0) running.TrySetResult(); }, projectId);

        var exportId = await exports.StartAsync(projectId, Square with { Resolution = ExportResolution.Hd1080 }, owner);
        await running.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await exports.CancelAsync(exportId, owner);
        var export = await WaitForExportAsync(exportId, owner);

        Assert.Equal(ExportStatus.Cancelled, export.Status);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_studio.DataDirectory, "exports"), "*", SearchOption.AllDirectories));
    }

    private async Task<ExportView> WaitForExportAsync(int exportId, string userId)
    {
        var exports = _studio.Get<ExportService>();
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            var view = await exports.GetAsync(exportId, userId);
            if (view.Status is ExportStatus.Succeeded or ExportStatus.Failed or ExportStatus.Cancelled)
            {
                return view;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Export {exportId} did not finish in two minutes.");
    }
}
