namespace ExplainerStudio.Media.Timeline;

/// <summary>How one shot gives way to the next.</summary>
public enum TransitionKind
{
    /// <summary>A hard cut; the shots do not overlap.</summary>
    Cut,

    /// <summary>The shots overlap and blend for the transition's length.</summary>
    Crossfade,

    /// <summary>The first shot fades to black and the next fades in; they overlap for the transition's length.</summary>
    FadeThroughBlack,
}
