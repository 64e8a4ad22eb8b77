namespace ExplainerStudio.Web.Review;

/// <summary>How the review board regenerates a drifted take.</summary>
public enum RegenerationMode
{
    /// <summary>The same seed with the layout (and so the references) kept more: a lower image-to-image strength.</summary>
    StrongerReferences,

    /// <summary>The same recipe with a fresh seed.</summary>
    NewSeed,
}
