using ExplainerStudio.Media;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Tests.Rendering;
using ExplainerStudio.Web.Timeline;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests;

public sealed class FileOwnershipTests : IDisposable
{
    private readonly RenderStudio _studio = new();
    private readonly FfmpegRunner _runner = new(new MediaOptions());

    public void Dispose() => _studio.Dispose();

    [Fact]
    public async Task DeletedMusicTrack_LeavesNoFile()
    {
        var (owner, projectId) = await ProjectAsync();
        var music = await UploadMusicAsync(owner, projectId, 220);

        await _studio.Get<TimelineAudioService>().RemoveMusicAsync(projectId, owner);

        Assert.False(File.Exists(Path.Combine(_studio.DataDirectory, music)));
        await using var context = _studio.Db();
        Assert.Empty(await context.TimelineMusic.ToListAsync());
    }

    [Fact]
    public async Task ReplacedMusicTrack_DeletesTheOldFile_AndKeepsTheNewOne()
    {
        var (owner, projectId) = await ProjectAsync();
        var first = await UploadMusicAsync(owner, projectId, 220);

        var second = await UploadMusicAsync(owner, projectId, 330);

        Assert.NotEqual(first, second);
        Assert.False(File.Exists(Path.Combine(_studio.DataDirectory, first)));
        Assert.True(File.Exists(Path.Combine(_studio.DataDirectory, second)));
    }

    [Fact]
    public async Task RemovedDialogueTake_LeavesNoFile()
    {
        var (owner, projectId) = await ProjectAsync();
        await using var context = _studio.Db();
        var lineId = await context.DialogueLines.Where(l => l.Shot!.Scene!.ProjectId == projectId).Select(l => l.Id).FirstAsync();
        var audio = _studio.Get<TimelineAudioService>();
        await using (var content = File.OpenRead(await MakeAsync("take.wav", 500)))
        {
            await audio.UploadTakeAsync(lineId, "take.wav", content, owner);
        }
        var path = (await context.DialogueAudio.AsNoTracking().SingleAsync(a => a.DialogueLineId == lineId)).FilePath;

        await audio.RemoveAsync(lineId, owner);

        Assert.False(File.Exists(Path.Combine(_studio.DataDirectory, path)));
    }

    [Fact]
    public async Task Sweep_RemovesAnOldOrphan_AndKeepsLiveFilesAndFreshOrphans()
    {
        var (owner, projectId) = await ProjectAsync();
        var live = await UploadMusicAsync(owner, projectId, 220);
        var oldOrphan = Plant(Path.Combine("takes", "ab", "abandoned.mp4"), TimeSpan.FromDays(3));
        var freshOrphan = Plant(Path.Combine("dialogue", projectId.ToString(System.Globalization.CultureInfo.InvariantCulture), "uploading.wav"), TimeSpan.FromMinutes(5));
        var oldVoiceOver = Plant(Path.Combine("voiceover", "1", "unapplied.wav"), TimeSpan.FromDays(2));
        var notOwnedFolder = Plant(Path.Combine("logs", "old.log"), TimeSpan.FromDays(30));
        File.SetLastWriteTimeUtc(Path.Combine(_studio.DataDirectory, live), DateTime.UtcNow.AddDays(-10));

        var removed = await _studio.Get<StudioFiles>().SweepAsync(TimeSpan.FromDays(1));

        Assert.Equal(["takes/ab/abandoned.mp4", "voiceover/1/unapplied.wav"], removed.Order(StringComparer.Ordinal));
        Assert.False(File.Exists(oldOrphan));
        Assert.False(File.Exists(oldVoiceOver));
        Assert.True(File.Exists(freshOrphan));
        Assert.True(File.Exists(notOwnedFolder));
        Assert.True(File.Exists(Path.Combine(_studio.DataDirectory, live)));
    }

    [Fact]
    public async Task Sweep_KeepsAFreshEmptyWorkFolder_AndRemovesFoldersItEmptiesOrThatStayedEmpty()
    {
        var fresh = Directory.CreateDirectory(Path.Combine(_studio.DataDirectory, "tmp", "render-fresh")).FullName;
        var stale = Directory.CreateDirectory(Path.Combine(_studio.DataDirectory, "tmp", "render-stale")).FullName;
        Directory.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-3));
        var orphan = Plant(Path.Combine("tmp", "render-dead", "frame.png"), TimeSpan.FromDays(3));

        await _studio.Get<StudioFiles>().SweepAsync(TimeSpan.FromDays(1));

        Assert.True(Directory.Exists(fresh));
        Assert.False(Directory.Exists(stale));
        Assert.False(Directory.Exists(Path.GetDirectoryName(orphan)));
    }

    [Fact]
    public async Task Usage_CountsEveryFolderOfTheDataDirectory()
    {
        var (owner, projectId) = await ProjectAsync();
        var music = await UploadMusicAsync(owner, projectId, 220);

        var usage = _studio.Get<StudioFiles>().Usage();

        var folder = Assert.Single(usage.Folders, f => f.Folder == "music");
        Assert.Equal((1, new FileInfo(Path.Combine(_studio.DataDirectory, music)).Length), (folder.Files, folder.Bytes));
        Assert.True(usage.Folders.Single(f => f.Folder == "").Bytes > 0);
        Assert.Equal(usage.Folders.Sum(f => f.Bytes), usage.TotalBytes);
    }

    private string Plant(string relative, TimeSpan age)
    {
        var full = Path.Combine(_studio.DataDirectory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, "left behind");
        File.SetLastWriteTimeUtc(full, DateTime.UtcNow - age);
        return full;
    }

    private async Task<(string Owner, int ProjectId)> ProjectAsync()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, _) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 1);
        return (owner, projectId);
    }

    private async Task<string> UploadMusicAsync(string owner, int projectId, int frequency)
    {
        await using (var content = File.OpenRead(await MakeAsync($"music{frequency}.wav", frequency)))
        {
            await _studio.Get<TimelineAudioService>().UploadMusicAsync(projectId, "theme.wav", content, owner);
        }
        await using var context = _studio.Db();
        return (await context.TimelineMusic.AsNoTracking().SingleAsync(m => m.ProjectId == projectId)).FilePath;
    }

    private async Task<string> MakeAsync(string name, int frequency)
    {
        var path = Path.Combine(_studio.Root, name);
        await _runner.RunAsync(new FfmpegJob("make", new FfmpegCommand().AddGeneratedInput($"sine=frequency={frequency}:sample_rate=16000:duration=1").AddOutput(path)));
        return path;
    }
}
