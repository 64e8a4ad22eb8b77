namespace ExplainerStudio.Web.Review;

/// <summary>What a reviewer decided about a take.</summary>
public enum ReviewDecision
{
    Approved,
    Regenerate,
}
