namespace ExplainerStudio.Media.Timeline;

/// <summary>
/// Fits shot durations to their dialogue and places every line in time. An unpinned shot with dialogue lasts
/// exactly as long as its lines need (lead-in, lines with gaps, tail; at least the minimum shot duration); an
/// unpinned shot without dialogue keeps its planned duration; a pinned shot keeps its duration and is flagged
/// when its dialogue overflows. Durations are rounded up to whole frames so that the export's length is exact.
/// </summary>
public static class DialogueAligner
{
    /// <summary>Aligns the shots in order.</summary>
    /// <exception cref="ArgumentException">A duration is negative, or a transition is longer than a shot it joins.</exception>
    public static AlignedTimeline Align(IReadOnlyList<ShotPlan> shots, AlignmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(shots);
        options ??= AlignmentOptions.Default;
        options.Validate();

        var aligned = new List<AlignedShot>(shots.Count);
        TimeSpan start = TimeSpan.Zero;
        TimeSpan previousDuration = TimeSpan.Zero;
        for (int index = 0; index < shots.Count; index++)
        {
            ShotPlan plan = shots[index];
            if (plan.PlannedDuration < TimeSpan.Zero || plan.Lines.Any(line => line.AudioDuration < TimeSpan.Zero))
            {
                throw new ArgumentException($"Shot '{plan.ShotId}' has a negative duration.", nameof(shots));
            }

            TimeSpan needed = Needed(plan, options);
            TimeSpan duration = plan.IsPinned || plan.Lines.Count == 0
                ? plan.PlannedDuration
                : RoundUpToFrame(needed > options.MinimumShotDuration ? needed : options.MinimumShotDuration, options.FramesPerSecond);

            if (index > 0)
            {
                TimeSpan overlap = shots[index - 1].TransitionOut?.Overlap ?? TimeSpan.Zero;
                if (overlap > previousDuration || overlap > duration)
                {
                    throw new ArgumentException(
                        $"The transition into shot '{plan.ShotId}' is longer than a shot it joins; shorten the transition.", nameof(shots));
                }

                start -= overlap;
            }

            var lines = new List<AlignedLine>(plan.Lines.Count);
            TimeSpan cursor = start + options.LeadIn;
            foreach (DialogueClip clip in plan.Lines)
            {
                lines.Add(new AlignedLine(clip, cursor, cursor + clip.AudioDuration > start + duration));
                cursor += clip.AudioDuration + options.Gap;
            }

            aligned.Add(new AlignedShot(plan, start, duration, needed, lines));
            start += duration;
            previousDuration = duration;
        }

        return new AlignedTimeline(aligned, start);
    }

    /// <summary>Rounds a duration up to a whole number of frames.</summary>
    public static TimeSpan RoundUpToFrame(TimeSpan duration, double framesPerSecond)
    {
        double frames = Math.Ceiling(Math.Round(duration.TotalSeconds * framesPerSecond, 6));
        return TimeSpan.FromTicks((long)Math.Round(frames / framesPerSecond * TimeSpan.TicksPerSecond));
    }

    private static TimeSpan Needed(ShotPlan plan, AlignmentOptions options)
    {
        if (plan.Lines.Count == 0)
        {
            return TimeSpan.Zero;
        }

        TimeSpan speech = plan.Lines.Aggregate(TimeSpan.Zero, (sum, line) => sum + line.AudioDuration);
        return options.LeadIn + speech + (options.Gap * (plan.Lines.Count - 1)) + options.Tail;
    }
}
