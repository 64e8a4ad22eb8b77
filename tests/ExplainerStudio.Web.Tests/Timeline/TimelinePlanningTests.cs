using ExplainerStudio.Media;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Speech;
using ExplainerStudio.Media.Timeline;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Tests.Rendering;
using ExplainerStudio.Web.Timeline;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests.Timeline;

/// <summary>
/// Reading a timeline never runs espeak-ng: untimed lines are estimated and flagged, the filler makes their speech,
/// and a filled plan is the plan measured from the audio itself. The studio here fills only when told to, so that
/// what a read does can be told apart from what the filler does.
/// </summary>
public class TimelinePlanningTests : IDisposable
{
    private readonly RenderStudio _studio;

    public TimelinePlanningTests()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>The same tests on another database (<paramref name="database"/>: its Data settings).</summary>
    protected TimelinePlanningTests(IReadOnlyDictionary<string, string?> database) =>
        _studio = new(new Dictionary<string, string?>(database) { ["Timeline:FillSpeechInBackground"] = "false" });

    public void Dispose() => _studio.Dispose();

    private EspeakSpeechSynthesizer Speech => _studio.Get<EspeakSpeechSynthesizer>();
    private SpeechDurationFiller Filler => _studio.Get<SpeechDurationFiller>();
    private TimelineService Timeline => _studio.Get<TimelineService>();

    [Fact]
    public async Task Read_NeverSynthesises_AndFlagsEveryUntimedLineAsEstimated()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, _) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 3);
        var before = Speech.SynthesisCount;

        var first = await Timeline.GetAsync(projectId, owner);
        var second = await Timeline.GetAsync(projectId, owner);

        var lines = first.Shots.SelectMany(s => s.Lines).ToList();
        Assert.True(lines.Count >= 3);
        Assert.Equal(before, Speech.SynthesisCount);
        Assert.All(lines, line => Assert.True(line.IsEstimated));
        Assert.All(lines, line => Assert.True(line.DurationSeconds > 0.3));
        Assert.Equal(lines.Count, first.EstimatedLines);
        Assert.Equal(lines.Count, second.EstimatedLines);
        Assert.Equal(lines.Count, Filler.Queued);
        Assert.False(Directory.Exists(Path.Combine(_studio.DataDirectory, "speech")) && Directory.EnumerateFiles(Path.Combine(_studio.DataDirectory, "speech")).Any());
    }

    [Fact]
    public async Task FilledPlan_EqualsThePlanMeasuredFromEachLinesAudio_AndLaterReadsSynthesiseNothing()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 3);
        await Timeline.UpdateCutAsync(shots[0], new TimelineCutEdit(false, TransitionKind.Crossfade, 0.4, 0), owner);
        var estimated = await Timeline.GetAsync(projectId, owner);
        var before = Speech.SynthesisCount;

        var filled = await Filler.FillQueuedAsync();
        var timed = await Timeline.GetAsync(projectId, owner);
        var afterFill = Speech.SynthesisCount;
        var again = await Timeline.GetAsync(projectId, owner);

        var lines = timed.Shots.SelectMany(s => s.Lines).ToList();
        Assert.Equal(estimated.EstimatedLines, filled);
        Assert.Equal(before + lines.Count, afterFill);
        Assert.Equal(afterFill, Speech.SynthesisCount);
        Assert.Equal(0, timed.EstimatedLines);
        Assert.All(lines, line => Assert.False(line.IsEstimated));
        Assert.Equal(Json(timed), Json(again));

        // The uncached way: every line's WAV measured by ffprobe, the shots aligned on those durations.
        var voices = await VoicesAsync(projectId);
        var probe = new FfmpegRunner(new MediaOptions());
        var plans = new List<ShotPlan>();
        foreach (var shot in timed.Shots)
        {
            var clips = new List<DialogueClip>();
            foreach (var line in shot.Lines)
            {
                var path = Speech.CachedFilePath(EspeakSpeechSynthesizer.CacheKey(line.Text, voices[line.LineId]));
                var measured = (await probe.ProbeAsync(path)).Duration!.Value;
                Assert.Equal(measured.TotalSeconds, line.DurationSeconds, 0.001);
                clips.Add(new DialogueClip(line.LineId.ToString(System.Globalization.CultureInfo.InvariantCulture), line.Text, TimeSpan.FromSeconds(line.DurationSeconds)));
            }
            var transition = shot.Transition == TransitionKind.Cut ? ShotTransition.Cut : new ShotTransition(shot.Transition, TimeSpan.FromSeconds(shot.TransitionSeconds));
            plans.Add(new ShotPlan(shot.ShotId.ToString(System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(shot.PlannedSeconds), shot.IsDurationPinned, clips, transition));
        }
        var expected = DialogueAligner.Align(plans, _studio.Get<Microsoft.Extensions.Options.IOptions<TimelineOptions>>().Value.ToAlignment(RenderStudio.TestFrameRate));
        Assert.Equal(expected.Duration.TotalSeconds, timed.DurationSeconds, 9);
        Assert.Equal(expected.Shots.Select(s => (s.Start.TotalSeconds, s.Duration.TotalSeconds)), timed.Shots.Select(s => (s.StartSeconds, s.DurationSeconds)));
        Assert.Equal(expected.Lines.Select(l => l.Start.TotalSeconds), lines.Select(l => l.StartSeconds));
    }

    [Fact]
    public async Task ChangedTextOrVoice_IsEstimatedAgain_UntilItsNewSpeechIsMade()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, _) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 3);
        await Timeline.GetAsync(projectId, owner);
        await Filler.FillQueuedAsync();
        int editedLine;
        int characterId;
        await using (var context = _studio.Db())
        {
            var line = await context.DialogueLines.Where(d => d.Shot!.Scene!.ProjectId == projectId).OrderBy(d => d.Id).FirstAsync();
            line.Text += " And one more thing.";
            editedLine = line.Id;
            characterId = line.CharacterId;
            await context.SaveChangesAsync();
        }

        var afterText = await Timeline.GetAsync(projectId, owner);
        var textSyntheses = await Filler.FillQueuedAsync();
        await using (var context = _studio.Db())
        {
            await context.Characters.Where(c => c.Id == characterId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Pitch, c => c.Pitch + 7));
        }
        var afterVoice = await Timeline.GetAsync(projectId, owner);
        var before = Speech.SynthesisCount;
        await Filler.FillQueuedAsync();
        var refilled = await Timeline.GetAsync(projectId, owner);

        var textLines = afterText.Shots.SelectMany(s => s.Lines).ToList();
        Assert.Equal([editedLine], textLines.Where(l => l.IsEstimated).Select(l => l.LineId));
        Assert.Equal(1, textSyntheses);
        var speaker = textLines.Single(l => l.LineId == editedLine).Speaker;
        var voiceLines = afterVoice.Shots.SelectMany(s => s.Lines).ToList();
        Assert.All(voiceLines, l => Assert.Equal(l.Speaker == speaker, l.IsEstimated));
        Assert.Equal(before + voiceLines.Count(l => l.IsEstimated), Speech.SynthesisCount);
        Assert.Equal(0, refilled.EstimatedLines);
    }

    [Fact]
    public async Task StudioFillingInTheBackground_TimesTheLines_AndTellsTheProject()
    {
        using var studio = new RenderStudio();
        var owner = await RenderFixtures.AddUserAsync(studio.Services, "Owner");
        var (projectId, _) = await RenderFixtures.AddProjectAsync(studio.Services, owner, shots: 2);
        var timeline = studio.Get<TimelineService>();
        var told = new TaskCompletionSource();
        using var subscription = studio.Get<ProjectChangeFeed>().Subscribe(change =>
        {
            if (change.Kind == ProjectChangeKind.TimelineCut && studio.Get<SpeechDurationFiller>().Queued == 0)
            {
                told.TrySetResult();
            }
        }, projectId);

        var estimated = await timeline.GetAsync(projectId, owner);
        await told.Task.WaitAsync(TimeSpan.FromSeconds(120));
        var timed = await timeline.GetAsync(projectId, owner);

        Assert.True(estimated.EstimatedLines > 0);
        Assert.Equal(0, timed.EstimatedLines);
    }

    private async Task<Dictionary<int, VoiceSettings>> VoicesAsync(int projectId)
    {
        await using var context = _studio.Db();
        var lines = await context.DialogueLines.Where(d => d.Shot!.Scene!.ProjectId == projectId)
            .Select(d => new { d.Id, d.Character!.Voice, d.Character.Pitch, d.Character.Rate }).ToListAsync();
        return lines.ToDictionary(d => d.Id, d => new VoiceSettings(d.Voice, d.Pitch, d.Rate));
    }

    private static string Json(TimelineView view) => System.Text.Json.JsonSerializer.Serialize(view);
}
