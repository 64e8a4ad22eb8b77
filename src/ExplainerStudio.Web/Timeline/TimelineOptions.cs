using System.ComponentModel.DataAnnotations;
using ExplainerStudio.Media.Timeline;

namespace ExplainerStudio.Web.Timeline;

/// <summary>Padding around dialogue when shot durations are fitted to it, bound from the <c>Timeline</c> section.</summary>
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

    public AlignmentOptions ToAlignment(double framesPerSecond) => new(
        TimeSpan.FromSeconds(LeadInSeconds), TimeSpan.FromSeconds(GapSeconds), TimeSpan.FromSeconds(TailSeconds),
        TimeSpan.FromSeconds(MinimumShotSeconds), framesPerSecond);
}
