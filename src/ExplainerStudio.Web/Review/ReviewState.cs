namespace ExplainerStudio.Web.Review;

/// <summary>Where a shot stands in review, from the take the timeline uses. Ordered from most to least urgent.</summary>
public enum ReviewState
{
    Drifted,
    Flickering,
    Seam,
    MarkedForRegeneration,
    Unscored,
    Rescore,
    Rendering,
    NoTake,
    Consistent,
    Approved,
}
