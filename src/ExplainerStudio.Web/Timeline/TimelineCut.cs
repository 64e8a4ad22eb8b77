using ExplainerStudio.Media.Timeline;
using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Timeline;

/// <summary>
/// A shot's timeline settings, kept apart from the storyboard's shot row so that editing the cut never conflicts
/// with editing the shot. A shot without a row uses the defaults: unpinned, a hard cut, no trim.
/// </summary>
public sealed class TimelineCut
{
    public const double MaxTransitionSeconds = 3;

    public int ShotId { get; set; }
    public Shot? Shot { get; set; }

    /// <summary>True when the shot keeps its storyboard duration instead of fitting its dialogue.</summary>
    public bool IsDurationPinned { get; set; }

    /// <summary>The transition from this shot into the next.</summary>
    public TransitionKind Transition { get; set; }
    public double TransitionSeconds { get; set; } = 0.5;

    /// <summary>Where in the selected take's clip the shot starts.</summary>
    public double TrimInSeconds { get; set; }

    /// <summary>Where in the clip the shot ends; when set, the shot lasts exactly from in to out (it is pinned).</summary>
    public double? TrimOutSeconds { get; set; }
}
