namespace ExplainerStudio.Web.Collaboration.Activity;

/// <summary>What kind of step an activity entry records; the activity page filters by it.</summary>
public enum ActivityKind
{
    Edit = 0,
    Create = 1,
    Delete = 2,
    Render = 3,
    Selection = 4,
    Import = 5,
    Export = 6,
    Comment = 7,
    Approval = 8,
    Membership = 9,
}
