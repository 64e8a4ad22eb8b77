using System.ComponentModel.DataAnnotations;
using ExplainerStudio.Media.Timeline;

namespace ExplainerStudio.Web.Timeline;

/// <summary>Padding around dialogue when shot durations are fitted to it, and speech filling, bound from the <c>Timeline</c> section.</summary>
public sealed class TimelineOptions
{
    public const string SectionName = "Timeline";

    /// <summary>Silence before a shot's first line.</summary>
    [Range(0, 10)]
    public double LeadInSeconds { get; set; } = 0.3;

    /// <summary>Silence between two lines of a shot.</summary>
    [Range(0, 10)]
    public double GapSeconds { get; set; } = 0.25;

    /// <summary>Silence after a shot's last line.</summary>
    [Range(0, 10)]
    public double TailSeconds { get; set; } = 0.5;

    /// <summary>The shortest duration alignment gives a shot with dialogue.</summary>
    [Range(0.5, 60)]
    public double MinimumShotSeconds { get; set; } = 1;

    /// <summary>
    /// Make the scratch speech of lines a read found untimed in the background (a read itself only estimates). Off,
    /// speech is made by exports and by <see cref="SpeechDurationFiller.FillQueuedAsync"/>.
    /// </summary>
    public bool FillSpeechInBackground { get; set; } = true;

    public AlignmentOptions ToAlignment(double framesPerSecond) => new(
        TimeSpan.FromSeconds(LeadInSeconds), TimeSpan.FromSeconds(GapSeconds), TimeSpan.FromSeconds(TailSeconds),
        TimeSpan.FromSeconds(MinimumShotSeconds), framesPerSecond);
}
