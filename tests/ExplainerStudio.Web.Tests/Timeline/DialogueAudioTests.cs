using System.Net;
using System.Net.Http.Headers;
using ExplainerStudio.Media;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Speech;
using ExplainerStudio.Web.Tests.Rendering;
using ExplainerStudio.Web.Timeline;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests.Timeline;

public sealed class DialogueAudioTests : IDisposable
{
    private readonly RenderStudio _studio = new();
    private readonly FfmpegRunner _runner = new(new MediaOptions());

    public void Dispose() => _studio.Dispose();

    [Fact]
    public async Task UploadedTake_ReplacesScratchSpeech_WithItsProbedDuration()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, _) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 1);
        var lineId = await FirstLineAsync(projectId);
        var take = await MakeAsync("take.mp3", "sine=frequency=440:sample_rate=44100:duration=2.5");
        using var client = _studio.ClientFor(owner);

        var response = await UploadAsync(client, $"/api/dialogue/{lineId}/take", take, "my take.mp3");
        var timeline = await _studio.Get<TimelineService>().GetAsync(projectId, owner);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var line = timeline.Shots.SelectMany(s => s.Lines).Single(l => l.LineId == lineId);
        Assert.Equal("Recorded", line.AudioSource);
        Assert.Equal(2.5, line.DurationSeconds, 0.1);
    }

    [Fact]
    public async Task MusicTrack_IsShownOnTheTimeline_AndMixedIntoTheExport()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, _) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 1);
        var music = await MakeAsync("theme.ogg", "sine=frequency=220:sample_rate=44100:duration=1.5");
        using var client = _studio.ClientFor(owner);

        var response = await UploadAsync(client, $"/api/projects/{projectId}/music", music, "theme.ogg");
        var timeline = await _studio.Get<TimelineService>().GetAsync(projectId, owner);
        var exports = _studio.Get<ExportService>();
        var exportId = await exports.StartAsync(projectId, new ExportRequestEdit(
            Media.Export.ExportResolution.Hd720, Media.Export.ExportAspect.Landscape16x9, Media.Export.ExportFit.Pad, Media.Export.SubtitleMode.None), owner);
        for (var attempt = 0; attempt < 600 && (await exports.GetAsync(exportId, owner)).CanCancel; attempt++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("theme.ogg", timeline.MusicName);
        var export = await exports.GetAsync(exportId, owner);
        Assert.Equal(ExportStatus.Succeeded, export.Status);
        var log = await File.ReadAllTextAsync(Path.Combine(_studio.DataDirectory, "logs", $"export-{exportId}.log"));
        Assert.Contains("sidechaincompress", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notes.wav", "could not be read as media")]
    [InlineData("silence.wav", "is silent")]
    [InlineData("cut.wav", "truncated")]
    public async Task BadUpload_IsRefusedWithAClearMessage_AndLeavesNoFile(string name, string message)
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, _) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 1);
        var lineId = await FirstLineAsync(projectId);
        var path = name switch
        {
            "notes.wav" => await WriteTextAsync(name),
            "silence.wav" => await MakeAsync(name, "anullsrc=r=16000:cl=mono:d=2"),
            _ => await TruncateAsync(await MakeAsync("whole.wav", "sine=frequency=300:sample_rate=16000:duration=4"), name),
        };
        using var client = _studio.ClientFor(owner);

        var response = await UploadAsync(client, $"/api/dialogue/{lineId}/take", path, name);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, body, StringComparison.Ordinal);
        Assert.Contains(name, body, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_studio.DataDirectory, "dialogue")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_studio.DataDirectory, "tmp")));
        await using var context = _studio.Db();
        Assert.Empty(await context.DialogueAudio.ToListAsync());
    }

    [Fact]
    public async Task VoiceOver_IsSplitAtItsPauses_ProposedLineByLine_AndAppliedAsTheLinesAudio()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 2);
        int sceneId;
        List<string> texts;
        await using (var context = _studio.Db())
        {
            sceneId = await context.Shots.Where(s => s.Id == shots[0]).Select(s => s.SceneId).SingleAsync();
            texts = await context.DialogueLines.Where(l => l.Shot!.SceneId == sceneId)
                .OrderBy(l => l.Shot!.Position).ThenBy(l => l.Position).Select(l => l.Text).ToListAsync();
        }
        var voiceOver = await RecordVoiceOverAsync(texts);
        var audio = _studio.Get<TimelineAudioService>();

        VoiceOverProposal proposal;
        await using (var stream = File.OpenRead(voiceOver))
        {
            proposal = await audio.SplitVoiceOverAsync(sceneId, "voiceover.wav", stream, owner);
        }
        await audio.ApplyVoiceOverAsync(sceneId, proposal.VoiceOverId,
            [.. proposal.Lines.Select(l => new VoiceOverAssignment(l.LineId, l.StartSeconds!.Value, l.EndSeconds!.Value))], owner);
        var timeline = await _studio.Get<TimelineService>().GetAsync(projectId, owner);

        Assert.Equal(texts.Count, proposal.Lines.Count);
        Assert.All(proposal.Lines, l => Assert.NotNull(l.StartSeconds));
        Assert.Equal(proposal.Lines.Select(l => l.StartSeconds), proposal.Lines.Select(l => l.StartSeconds).Order());
        var placed = timeline.Shots.SelectMany(s => s.Lines).Where(l => proposal.Lines.Any(p => p.LineId == l.LineId)).ToList();
        Assert.All(placed, l => Assert.Equal("VoiceOver", l.AudioSource));
        Assert.All(placed, l =>
        {
            var piece = proposal.Lines.Single(p => p.LineId == l.LineId);
            Assert.Equal(piece.EndSeconds!.Value - piece.StartSeconds!.Value, l.DurationSeconds, 0.05);
        });
    }

    private async Task<string> RecordVoiceOverAsync(IReadOnlyList<string> texts)
    {
        var speech = new EspeakSpeechSynthesizer(_runner, new SpeechOptions { CacheDirectory = Path.Combine(_studio.Root, "speech") });
        var command = new FfmpegCommand();
        var graph = "";
        for (var index = 0; index < texts.Count; index++)
        {
            var clip = await speech.SynthesizeAsync(texts[index], new VoiceSettings("en-us"));
            command.AddInput(clip.Path);
            command.AddGeneratedInput("anullsrc=r=22050:cl=mono:d=1.2");
            graph += $"[{index * 2}:a][{index * 2 + 1}:a]";
        }
        var path = Path.Combine(_studio.Root, "voiceover.wav");
        command.WithOptions("-filter_complex", $"{graph}concat=n={texts.Count * 2}:v=0:a=1[out]").AddOutput(path, "-map", "[out]");
        await _runner.RunAsync(new FfmpegJob("make-voiceover", command));
        return path;
    }

    private async Task<int> FirstLineAsync(int projectId)
    {
        await using var context = _studio.Db();
        return await context.DialogueLines.Where(l => l.Shot!.Scene!.ProjectId == projectId).Select(l => l.Id).FirstAsync();
    }

    private async Task<string> MakeAsync(string name, string source)
    {
        var path = Path.Combine(_studio.Root, name);
        await _runner.RunAsync(new FfmpegJob("make", new FfmpegCommand().AddGeneratedInput(source).AddOutput(path)));
        return path;
    }

    private async Task<string> WriteTextAsync(string name)
    {
        var path = Path.Combine(_studio.Root, name);
        await File.WriteAllTextAsync(path, "not audio at all");
        return path;
    }

    private async Task<string> TruncateAsync(string whole, string name)
    {
        var bytes = await File.ReadAllBytesAsync(whole);
        var path = Path.Combine(_studio.Root, name);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 3)]);
        return path;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, string path, string name)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        return await client.PostAsync(url, form);
    }
}
