using ExplainerStudio.Media.Subtitles;

namespace ExplainerStudio.Media.Timeline;

/// <summary>Shots and dialogue placed in time: the single source of timing for export and subtitles.</summary>
/// <param name="Shots">The shots in order.</param>
/// <param name="Duration">The whole timeline's duration (shot durations less transition overlaps).</param>
public sealed record AlignedTimeline(IReadOnlyList<AlignedShot> Shots, TimeSpan Duration)
{
    /// <summary>Every line in order.</summary>
    public IEnumerable<AlignedLine> Lines => Shots.SelectMany(shot => shot.Lines);

    /// <summary>True when any line is timed from an estimated duration (<see cref="DialogueClip.IsEstimated"/>).</summary>
    public bool HasEstimates => Lines.Any(line => line.Clip.IsEstimated);

    /// <summary>True when any shot's dialogue overflows it.</summary>
    public bool HasOverflow => Shots.Any(shot => shot.Overflows);

    /// <summary>Subtitle cues from the dialogue timing.</summary>
    public IReadOnlyList<SubtitleCue> BuildSubtitles(SubtitleOptions? options = null) =>
        SubtitleCueBuilder.Build(Lines.Select(line => new SpokenText(line.Clip.Text, line.Start, line.End)), options);
}
