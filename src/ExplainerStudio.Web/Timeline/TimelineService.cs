using System.Globalization;
using ExplainerStudio.Media.Export;
using ExplainerStudio.Media.Speech;
using ExplainerStudio.Media.Timeline;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Timeline;

/// <summary>
/// The project's shots in storyboard order with their selected takes and dialogue, aligned: scratch speech is
/// generated (and cached) for every line so that timing uses real durations.
/// </summary>
public sealed class TimelineService(
    IDbContextFactory<StudioDbContext> contextFactory,
    ProjectAccess access,
    StudioPaths paths,
    EspeakSpeechSynthesizer speech,
    IOptions<TimelineOptions> options,
    ProjectChangePublisher changes)
{
    public async Task<TimelineView> GetAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Viewer, cancellationToken);
        var plan = await PlanAsync(projectId, cancellationToken);
        var shots = plan.Timeline.Shots.Select(shot =>
        {
            var row = plan.Shots[shot.Plan.ShotId];
            var transition = shot.Plan.TransitionOut ?? ShotTransition.Cut;
            var trim = plan.Pictures.FirstOrDefault(p => p.ShotId == shot.Plan.ShotId)?.TrimIn ?? TimeSpan.Zero;
            var trimOut = plan.TrimOuts.GetValueOrDefault(shot.Plan.ShotId);
            return new TimelineShotView(
                row.ShotId, row.SceneId, row.SceneTitle, row.Title, shot.Start.TotalSeconds, shot.Duration.TotalSeconds,
                shot.Plan.PlannedDuration.TotalSeconds, shot.NeededDuration.TotalSeconds, shot.Plan.IsPinned, shot.Overflows,
                row.TakeId, transition.Kind, transition.Duration.TotalSeconds, trim.TotalSeconds, trimOut,
                shot.Lines.Select(line => new TimelineLineView(
                    int.Parse(line.Clip.LineId, CultureInfo.InvariantCulture), row.Speakers[line.Clip.LineId], line.Clip.Text,
                    line.Start.TotalSeconds, line.Clip.AudioDuration.TotalSeconds, line.Overflows,
                    plan.LineProblems.GetValueOrDefault(line.Clip.LineId), plan.AudioSources.GetValueOrDefault(line.Clip.LineId, "Scratch"))).ToList());
        }).ToList();
        return new TimelineView(projectId, plan.FrameRate, plan.Timeline.Duration.TotalSeconds, plan.Timeline.HasOverflow, shots, plan.MusicPath is null ? null : plan.MusicName);
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

    /// <summary>Loads and aligns the project's timeline; lines whose speech cannot be made are listed as problems.</summary>
    internal async Task<TimelinePlan> PlanAsync(int projectId, CancellationToken cancellationToken)
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
        var shotIds = shots.Select(s => s.Id).ToList();
        var cuts = await context.TimelineCuts.AsNoTracking().Where(c => shotIds.Contains(c.ShotId)).ToDictionaryAsync(c => c.ShotId, cancellationToken);
        var takeIds = shots.Where(s => s.SelectedTakeId is not null).Select(s => s.SelectedTakeId!.Value).ToList();
        var takes = await context.Takes.AsNoTracking().Where(t => takeIds.Contains(t.Id) && t.ProjectId == projectId)
            .ToDictionaryAsync(t => t.Id, cancellationToken);

        var lineIds = shots.SelectMany(s => s.Lines).Select(l => l.Id).ToList();
        var recorded = await context.DialogueAudio.AsNoTracking().Where(a => lineIds.Contains(a.DialogueLineId))
            .ToDictionaryAsync(a => a.DialogueLineId, cancellationToken);

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
                try
                {
                    var clip = await speech.SynthesizeAsync(line.Text, new VoiceSettings(line.Voice, line.Pitch, line.Rate), cancellationToken);
                    clips.Add(new DialogueClip(lineKey, line.Text, clip.Duration, clip.Path));
                }
                catch (SpeechException e)
                {
                    problems[lineKey] = $"{line.Speaker}: {e.Message}";
                    clips.Add(new DialogueClip(lineKey, line.Text, TimeSpan.Zero));
                }
            }

            var take = shot.SelectedTakeId is { } takeId ? takes.GetValueOrDefault(takeId) : null;
            var transition = cut.Transition == TransitionKind.Cut || cut.TransitionSeconds <= 0
                ? ShotTransition.Cut
                : new ShotTransition(cut.Transition, TimeSpan.FromSeconds(cut.TransitionSeconds));
            trimOuts[key] = cut.TrimOutSeconds;
            var trimmed = cut.TrimOutSeconds is { } trimOut ? trimOut - cut.TrimInSeconds : (double?)null;
            plans.Add(new ShotPlan(key, TimeSpan.FromSeconds(trimmed ?? shot.DurationSeconds), cut.IsDurationPinned || trimmed is not null, clips, transition));
            pictures.Add(new ExportShot(key, take is null ? null : Path.GetFullPath(Path.Combine(paths.DataDirectory, take.ClipPath)), TimeSpan.FromSeconds(cut.TrimInSeconds)));
            rows[key] = new ShotRow(shot.Id, shot.SceneId, shot.SceneTitle, shot.Title, take?.Id, speakers);
        }

        // The last shot has nothing to transition into; a transition longer than a neighbour is shortened to fit.
        if (plans.Count > 0)
        {
            plans[^1] = plans[^1] with { TransitionOut = ShotTransition.Cut };
        }
        var aligned = AlignWithFittingTransitions(plans, options.Value.ToAlignment(project.FrameRate));
        var music = await context.TimelineMusic.AsNoTracking().FirstOrDefaultAsync(m => m.ProjectId == projectId, cancellationToken);
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
