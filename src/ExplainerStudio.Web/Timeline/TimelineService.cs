using System.Globalization;
using ExplainerStudio.Media.Export;
using ExplainerStudio.Media.Speech;
using ExplainerStudio.Media.Timeline;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Storyboards.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Timeline;

/// <summary>
/// The project's shots in storyboard order with their selected takes and dialogue, aligned. Reading never runs
/// espeak-ng: scratch speech is timed from the duration cache, or from an estimate (flagged) until the background
/// filler has made it; an export makes whatever speech is missing first.
/// </summary>
public sealed class TimelineService(
    IDbContextFactory<StudioDbContext> contextFactory,
    ProjectAccess access,
    StudioPaths paths,
    ITakeFileStore takeFiles,
    EspeakSpeechSynthesizer speech,
    SpeechDurationCache durationCache,
    SpeechDurationFiller filler,
    IOptions<TimelineOptions> options,
    ProjectChangePublisher changes)
{
    public async Task<TimelineView> GetAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Viewer, cancellationToken);
        return ToView(projectId, await PlanAsync(projectId, synthesize: false, cancellationToken));
    }

    internal static TimelineView ToView(int projectId, TimelinePlan plan)
    {
        var trims = plan.Pictures.ToDictionary(p => p.ShotId, p => p.TrimIn);
        var shots = plan.Timeline.Shots.Select(shot =>
        {
            var row = plan.Shots[shot.Plan.ShotId];
            var transition = shot.Plan.TransitionOut ?? ShotTransition.Cut;
            var trim = trims.GetValueOrDefault(shot.Plan.ShotId);
            var trimOut = plan.TrimOuts.GetValueOrDefault(shot.Plan.ShotId);
            return new TimelineShotView(
                row.ShotId, row.SceneId, row.SceneTitle, row.Title, shot.Start.TotalSeconds, shot.Duration.TotalSeconds,
                shot.Plan.PlannedDuration.TotalSeconds, shot.NeededDuration.TotalSeconds, shot.Plan.IsPinned, shot.Overflows,
                row.TakeId, transition.Kind, transition.Duration.TotalSeconds, trim.TotalSeconds, trimOut,
                shot.Lines.Select(line => new TimelineLineView(
                    int.Parse(line.Clip.LineId, CultureInfo.InvariantCulture), row.Speakers[line.Clip.LineId], line.Clip.Text,
                    line.Start.TotalSeconds, line.Clip.AudioDuration.TotalSeconds, line.Overflows,
                    plan.LineProblems.GetValueOrDefault(line.Clip.LineId), plan.AudioSources.GetValueOrDefault(line.Clip.LineId, "Scratch"),
                    line.Clip.IsEstimated)).ToList())
            {
                Cut = row.Cut,
            };
        }).ToList();
        return new TimelineView(projectId, plan.FrameRate, plan.Timeline.Duration.TotalSeconds, plan.Timeline.HasOverflow, shots, plan.MusicPath is null ? null : plan.MusicName,
            plan.Timeline.Lines.Count(line => line.Clip.IsEstimated));
    }

    public async Task UpdateCutAsync(int shotId, TimelineCutEdit edit, string userId, CancellationToken cancellationToken = default)
    {
        if (edit.TransitionSeconds is < 0 or > TimelineCut.MaxTransitionSeconds || !double.IsFinite(edit.TransitionSeconds))
        {
            throw new StudioInputException($"A transition lasts 0 to {TimelineCut.MaxTransitionSeconds.ToString(CultureInfo.InvariantCulture)} seconds.");
        }
        if (edit.TrimInSeconds < 0 || !double.IsFinite(edit.TrimInSeconds) || edit.TrimInSeconds > Shot.MaxDurationSeconds)
        {
            throw new StudioInputException("The trim-in point must be between 0 and the take's length.");
        }
        if (edit.TrimOutSeconds is { } trimOut
            && (!double.IsFinite(trimOut) || trimOut - edit.TrimInSeconds < Shot.MinDurationSeconds || trimOut - edit.TrimInSeconds > Shot.MaxDurationSeconds))
        {
            throw new StudioInputException(
                $"The trim-out point must come {Shot.MinDurationSeconds.ToString(CultureInfo.InvariantCulture)} to {Shot.MaxDurationSeconds.ToString(CultureInfo.InvariantCulture)} seconds after the trim-in point.");
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var projectId = await context.Shots.Where(s => s.Id == shotId).Select(s => (int?)s.Scene!.ProjectId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That shot no longer exists.");
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        var cut = await context.TimelineCuts.FirstOrDefaultAsync(c => c.ShotId == shotId, cancellationToken);
        if (edit.BasedOn is { } basedOn && !(cut is null ? TimelineCutEdit.Default : Saved(cut)).SameCutAs(basedOn))
        {
            var title = await context.Shots.Where(s => s.Id == shotId).Select(s => s.Title).FirstAsync(cancellationToken);
            throw new EditConflictException($"The cut of shot '{title}'");
        }
        if (cut is null)
        {
            cut = new TimelineCut { ShotId = shotId };
            context.TimelineCuts.Add(cut);
        }
        cut.IsDurationPinned = edit.IsDurationPinned;
        cut.Transition = edit.Transition;
        cut.TransitionSeconds = edit.Transition == TransitionKind.Cut ? 0 : edit.TransitionSeconds;
        cut.TrimInSeconds = edit.TrimInSeconds;
        cut.TrimOutSeconds = edit.TrimOutSeconds;
        await context.SaveChangesAsync(cancellationToken);
        await changes.PublishAsync(projectId, ProjectChangeKind.TimelineCut, shotId, shotId, userId, "changed a cut on the timeline");
    }

    private static TimelineCutEdit Saved(TimelineCut cut) =>
        new(cut.IsDurationPinned, cut.Transition, cut.TransitionSeconds, cut.TrimInSeconds, cut.TrimOutSeconds);

    /// <summary>
    /// The timeline for export: every line gets real audio, so scratch speech missing from the cache (or whose file
    /// is gone) is synthesised now. Lines whose speech cannot be made are listed as problems.
    /// </summary>
    internal Task<TimelinePlan> PlanAsync(int projectId, CancellationToken cancellationToken) =>
        PlanAsync(projectId, synthesize: true, cancellationToken);

    /// <summary>
    /// Loads and aligns the project's timeline in a fixed number of queries. Scratch-speech durations come from the
    /// <see cref="SpeechDurationCache"/>; a line without one is timed from an estimate (flagged) and, unless
    /// <paramref name="synthesize"/>, queued for <see cref="SpeechDurationFiller"/> instead of waiting for espeak-ng.
    /// </summary>
    internal async Task<TimelinePlan> PlanAsync(int projectId, bool synthesize, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var project = await context.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, cancellationToken)
            ?? throw new NotFoundException("That project no longer exists.");
        var shots = await context.Shots.AsNoTracking()
            .Where(s => s.Scene!.ProjectId == projectId)
            .OrderBy(s => s.Scene!.Position).ThenBy(s => s.Position)
            .Select(s => new
            {
                s.Id,
                s.SceneId,
                SceneTitle = s.Scene!.Title,
                s.Title,
                s.DurationSeconds,
                s.SelectedTakeId,
                Lines = s.Dialogue.OrderBy(d => d.Position)
                    .Select(d => new { d.Id, d.Text, Speaker = d.Character!.Name, d.Character.Voice, d.Character.Pitch, d.Character.Rate })
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
        // By project rather than by a list of ids: a thousand-shot project would otherwise send thousands of parameters.
        var cuts = await context.TimelineCuts.AsNoTracking().Where(c => c.Shot!.Scene!.ProjectId == projectId)
            .ToDictionaryAsync(c => c.ShotId, cancellationToken);
        var takes = await context.Shots.AsNoTracking().Where(s => s.Scene!.ProjectId == projectId && s.SelectedTakeId != null)
            .Join(context.Takes.Where(t => t.ProjectId == projectId), s => s.SelectedTakeId, t => (int?)t.Id, (s, t) => new { t.Id, t.ClipPath })
            .ToDictionaryAsync(t => t.Id, t => t.ClipPath, cancellationToken);
        var recorded = await context.DialogueAudio.AsNoTracking().Where(a => a.DialogueLine!.Shot!.Scene!.ProjectId == projectId)
            .ToDictionaryAsync(a => a.DialogueLineId, cancellationToken);
        var music = await context.TimelineMusic.AsNoTracking().FirstOrDefaultAsync(m => m.ProjectId == projectId, cancellationToken);

        // Every spoken line's speech key (a recorded line falls back to scratch speech when its file is gone), one
        // voice check per distinct voice (in memory once espeak-ng's voice list is loaded) and one cache lookup.
        var scratch = shots.SelectMany(s => s.Lines)
            .Where(l => !string.IsNullOrWhiteSpace(l.Text))
            .ToDictionary(l => l.Id, l =>
            {
                var voice = new VoiceSettings(l.Voice, l.Pitch, l.Rate);
                return (Voice: voice, Key: EspeakSpeechSynthesizer.CacheKey(l.Text, voice));
            });
        var voiceProblems = new Dictionary<VoiceSettings, string>();
        foreach (var voice in scratch.Values.Select(v => v.Voice).Distinct())
        {
            try
            {
                await speech.ValidateVoiceAsync(voice, cancellationToken);
            }
            catch (SpeechException e)
            {
                voiceProblems[voice] = e.Message;
            }
        }
        var durations = await durationCache.LookupAsync([.. scratch.Values.Select(v => v.Key).Distinct()], cancellationToken);
        var wanted = new List<SpeechRequest>();

        var plans = new List<ShotPlan>();
        var sources = new Dictionary<string, string>();
        var trimOuts = new Dictionary<string, double?>();
        var pictures = new List<ExportShot>();
        var rows = new Dictionary<string, ShotRow>();
        var problems = new Dictionary<string, string>();
        foreach (var shot in shots)
        {
            var key = shot.Id.ToString(CultureInfo.InvariantCulture);
            var cut = cuts.GetValueOrDefault(shot.Id) ?? new TimelineCut { ShotId = shot.Id, TransitionSeconds = 0 };
            var clips = new List<DialogueClip>();
            var speakers = new Dictionary<string, string>();
            foreach (var line in shot.Lines)
            {
                var lineKey = line.Id.ToString(CultureInfo.InvariantCulture);
                speakers[lineKey] = line.Speaker;
                if (string.IsNullOrWhiteSpace(line.Text))
                {
                    continue;
                }
                if (recorded.GetValueOrDefault(line.Id) is { } audio && File.Exists(Path.Combine(paths.DataDirectory, audio.FilePath)))
                {
                    clips.Add(new DialogueClip(lineKey, line.Text, TimeSpan.FromSeconds(audio.DurationSeconds), Path.GetFullPath(Path.Combine(paths.DataDirectory, audio.FilePath))));
                    sources[lineKey] = audio.Source.ToString();
                    continue;
                }
                sources[lineKey] = "Scratch";
                var (voice, speechKey) = scratch[line.Id];
                var problem = voiceProblems.GetValueOrDefault(voice) ?? (synthesize ? null : durationCache.FailureOf(speechKey));
                if (problem is not null)
                {
                    problems[lineKey] = $"{line.Speaker}: {problem}";
                    clips.Add(new DialogueClip(lineKey, line.Text, TimeSpan.Zero));
                    continue;
                }
                var path = speech.CachedFilePath(speechKey);
                if (durations.TryGetValue(speechKey, out var seconds) && (!synthesize || File.Exists(path)))
                {
                    clips.Add(new DialogueClip(lineKey, line.Text, TimeSpan.FromSeconds(seconds), path));
                }
                else if (!synthesize)
                {
                    wanted.Add(new SpeechRequest(projectId, speechKey, line.Text, voice));
                    clips.Add(new DialogueClip(lineKey, line.Text, TimeSpan.FromSeconds(SpeechEstimate.Seconds(line.Text, line.Rate)), IsEstimated: true));
                }
                else
                {
                    try
                    {
                        var clip = await speech.SynthesizeAsync(line.Text, voice, cancellationToken);
                        await durationCache.StoreAsync(clip.CacheKey, clip.Duration.TotalSeconds, cancellationToken);
                        // Through seconds, as the cache holds it, so that a plan from the cache is this plan exactly.
                        clips.Add(new DialogueClip(lineKey, line.Text, TimeSpan.FromSeconds(clip.Duration.TotalSeconds), clip.Path));
                    }
                    catch (SpeechException e)
                    {
                        durationCache.RecordFailure(speechKey, e.Message);
                        problems[lineKey] = $"{line.Speaker}: {e.Message}";
                        clips.Add(new DialogueClip(lineKey, line.Text, TimeSpan.Zero));
                    }
                }
            }

            var clipPath = shot.SelectedTakeId is { } takeId ? takes.GetValueOrDefault(takeId) : null;
            var transition = cut.Transition == TransitionKind.Cut || cut.TransitionSeconds <= 0
                ? ShotTransition.Cut
                : new ShotTransition(cut.Transition, TimeSpan.FromSeconds(cut.TransitionSeconds));
            trimOuts[key] = cut.TrimOutSeconds;
            var trimmed = cut.TrimOutSeconds is { } trimOut ? trimOut - cut.TrimInSeconds : (double?)null;
            plans.Add(new ShotPlan(key, TimeSpan.FromSeconds(trimmed ?? shot.DurationSeconds), cut.IsDurationPinned || trimmed is not null, clips, transition));
            // Only an export reads the clips; the timeline view needs no local copy of every one (a remote take store).
            var clipFile = clipPath is null ? null : synthesize ? await takeFiles.GetLocalPathAsync(clipPath, cancellationToken) : clipPath;
            pictures.Add(new ExportShot(key, clipFile, TimeSpan.FromSeconds(cut.TrimInSeconds)));
            rows[key] = new ShotRow(shot.Id, shot.SceneId, shot.SceneTitle, shot.Title, clipPath is null ? null : shot.SelectedTakeId, speakers, Saved(cut));
        }
        if (wanted.Count > 0)
        {
            filler.Request(wanted);
        }

        // The last shot has nothing to transition into; a transition longer than a neighbour is shortened to fit.
        if (plans.Count > 0)
        {
            plans[^1] = plans[^1] with { TransitionOut = ShotTransition.Cut };
        }
        var aligned = AlignWithFittingTransitions(plans, options.Value.ToAlignment(project.FrameRate));
        var musicPath = music is null ? null : Path.GetFullPath(Path.Combine(paths.DataDirectory, music.FilePath));
        return new TimelinePlan(aligned, pictures, project.FrameRate, rows, problems, sources, trimOuts,
            musicPath is not null && File.Exists(musicPath) ? musicPath : null, music?.FileName);
    }

    private static AlignedTimeline AlignWithFittingTransitions(List<ShotPlan> plans, AlignmentOptions options)
    {
        // Durations come first (they do not depend on transitions), then each transition is capped at half of
        // the shorter shot it joins so that a long transition on a short shot cannot make the timeline invalid.
        var durations = DialogueAligner.Align([.. plans.Select(p => p with { TransitionOut = ShotTransition.Cut })], options)
            .Shots.Select(s => s.Duration).ToList();
        for (var index = 0; index < plans.Count - 1; index++)
        {
            var transition = plans[index].TransitionOut ?? ShotTransition.Cut;
            var limit = TimeSpan.FromTicks(Math.Min(durations[index].Ticks, durations[index + 1].Ticks) / 2);
            if (transition.Overlap > limit)
            {
                plans[index] = plans[index] with { TransitionOut = transition with { Duration = limit } };
            }
        }
        return DialogueAligner.Align(plans, options);
    }
}
