namespace ExplainerStudio.Web.Collaboration.Approvals;

/// <summary>
/// Where a shot stands in review. This is the team's decision about the shot, apart from its render state
/// (<see cref="Storyboards.ShotStatus"/>): a shot can be approved and still be re-rendered, or rendered and never reviewed.
/// </summary>
public enum ApprovalState
{
    Draft = 0,
    InReview = 1,
    ChangesRequested = 2,
    Approved = 3,
}
