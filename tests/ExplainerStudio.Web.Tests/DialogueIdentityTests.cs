using ExplainerStudio.Media;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Tests.Rendering;
using ExplainerStudio.Web.Timeline;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests;

public sealed class DialogueIdentityTests : IDisposable
{
    private readonly RenderStudio _studio = new();
    private readonly FfmpegRunner _runner = new(new MediaOptions());

    public void Dispose() => _studio.Dispose();

    [Fact]
    public async Task TitleOnlySave_KeepsEveryRecordedTakeAndItsFile()
    {
        var (owner, shot) = await ShotWithTwoRecordedLinesAsync();
        var before = await TakesAsync();

        // As the editor sends it: the lines' text and speakers, no ids.
        await _studio.Get<StoryboardService>().UpdateShotAsync(Storyboard.EditOf(shot) with
        {
            Title = "Renamed",
            Dialogue = [.. shot.Dialogue.Select(d => new DialogueEdit(d.CharacterId, d.Text))],
        }, owner);

        var after = await TakesAsync();
        Assert.Equal(before, after);
        Assert.All(after, take => Assert.True(File.Exists(Path.Combine(_studio.DataDirectory, take.FilePath))));
        Assert.Equal(shot.Dialogue.Select(d => d.Id), (await ShotAsync(owner, shot.Id)).Dialogue.Select(d => d.Id));
    }

    [Fact]
    public async Task EditingAndReorderingLinesById_KeepsTheirIdsAndTakes()
    {
        var (owner, shot) = await ShotWithTwoRecordedLinesAsync();
        var before = await TakesAsync();
        var (first, second) = (shot.Dialogue[0], shot.Dialogue[1]);

        await _studio.Get<StoryboardService>().UpdateShotAsync(Storyboard.EditOf(shot) with
        {
            Dialogue = [new DialogueEdit(second.CharacterId, "Second, now first.", second.Id), new DialogueEdit(first.CharacterId, first.Text + " More.", first.Id)],
        }, owner);

        var saved = await ShotAsync(owner, shot.Id);
        Assert.Equal([(second.Id, "Second, now first."), (first.Id, first.Text + " More.")], saved.Dialogue.Select(d => (d.Id, d.Text)));
        Assert.Equal(before, await TakesAsync());
    }

    [Fact]
    public async Task RemovingALine_DeletesItsTakeFileAfterTheSave_AndKeepsTheOthers()
    {
        var (owner, shot) = await ShotWithTwoRecordedLinesAsync();
        var before = await TakesAsync();
        var (kept, removed) = (before.Single(t => t.LineId == shot.Dialogue[0].Id), before.Single(t => t.LineId == shot.Dialogue[1].Id));

        await _studio.Get<StoryboardService>().UpdateShotAsync(Storyboard.EditOf(shot) with
        {
            Dialogue = [new DialogueEdit(shot.Dialogue[0].CharacterId, shot.Dialogue[0].Text, shot.Dialogue[0].Id), new DialogueEdit(shot.Dialogue[0].CharacterId, "A new line.")],
        }, owner);

        Assert.Equal([kept], await TakesAsync());
        Assert.True(File.Exists(Path.Combine(_studio.DataDirectory, kept.FilePath)));
        Assert.False(File.Exists(Path.Combine(_studio.DataDirectory, removed.FilePath)));
        var saved = await ShotAsync(owner, shot.Id);
        Assert.Equal(shot.Dialogue[0].Id, saved.Dialogue[0].Id);
        Assert.DoesNotContain(saved.Dialogue, d => d.Id == removed.LineId);
    }

    [Fact]
    public async Task RemovingALine_KeepsATakeFileAnotherLineStillUses()
    {
        var (owner, shot) = await ShotWithTwoRecordedLinesAsync(sameRecording: true);
        var before = await TakesAsync();
        Assert.Single(before.Select(t => t.FilePath).Distinct());

        await _studio.Get<StoryboardService>().UpdateShotAsync(Storyboard.EditOf(shot) with
        {
            Dialogue = [new DialogueEdit(shot.Dialogue[0].CharacterId, shot.Dialogue[0].Text, shot.Dialogue[0].Id)],
        }, owner);

        Assert.True(File.Exists(Path.Combine(_studio.DataDirectory, before[0].FilePath)));
    }

    [Fact]
    public async Task ALineIdFromAnotherShot_IsRefusedAndChangesNothing()
    {
        var (owner, shot) = await ShotWithTwoRecordedLinesAsync();
        var before = await TakesAsync();

        await Assert.ThrowsAsync<StudioInputException>(() => _studio.Get<StoryboardService>().UpdateShotAsync(Storyboard.EditOf(shot) with
        {
            Title = "Not saved",
            Dialogue = [new DialogueEdit(shot.Dialogue[0].CharacterId, "Stolen.", int.MaxValue)],
        }, owner));

        Assert.Equal(shot.Title, (await ShotAsync(owner, shot.Id)).Title);
        Assert.Equal(before, await TakesAsync());
    }

    private async Task<(string Owner, ShotView Shot)> ShotWithTwoRecordedLinesAsync(bool sameRecording = false)
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 1);
        var shot = await ShotAsync(owner, shots[0]);
        var characterId = shot.Dialogue.Count > 0 ? shot.Dialogue[0].CharacterId : (await _studio.Db().Characters.FirstAsync(c => c.ProjectId == projectId)).Id;
        await _studio.Get<StoryboardService>().UpdateShotAsync(Storyboard.EditOf(shot) with
        {
            Dialogue = [new DialogueEdit(characterId, "The first line."), new DialogueEdit(characterId, "The second line.")],
        }, owner);
        shot = await ShotAsync(owner, shots[0]);
        var audio = _studio.Get<TimelineAudioService>();
        for (var index = 0; index < shot.Dialogue.Count; index++)
        {
            var frequency = sameRecording ? 440 : 300 + (index * 100);
            var path = await MakeAsync($"take{index}.wav", $"sine=frequency={frequency}:sample_rate=16000:duration=1");
            await using var content = File.OpenRead(path);
            await audio.UploadTakeAsync(shot.Dialogue[index].Id, $"take{index}.wav", content, owner);
        }
        return (owner, shot);
    }

    private async Task<ShotView> ShotAsync(string owner, int shotId)
    {
        await using var context = _studio.Db();
        var projectId = await context.Shots.Where(s => s.Id == shotId).Select(s => s.Scene!.ProjectId).SingleAsync();
        var board = await _studio.Get<StoryboardService>().GetStoryboardAsync(projectId, owner);
        return board.Scenes.SelectMany(s => s.Shots).Single(s => s.Id == shotId);
    }

    private async Task<List<(int LineId, string FilePath, string Sha256)>> TakesAsync()
    {
        await using var context = _studio.Db();
        return [.. (await context.DialogueAudio.OrderBy(a => a.DialogueLineId).ToListAsync()).Select(a => (a.DialogueLineId, a.FilePath, a.Sha256))];
    }

    private async Task<string> MakeAsync(string name, string source)
    {
        var path = Path.Combine(_studio.Root, name);
        await _runner.RunAsync(new FfmpegJob("make", new FfmpegCommand().AddGeneratedInput(source).AddOutput(path)));
        return path;
    }
}
