namespace ExplainerStudio.Web.Collaboration.Activity;

/// <summary>The kind of thing an activity entry is about, which decides where its link points.</summary>
public enum ActivityTarget
{
    Project = 0,
    Scene = 1,
    Shot = 2,
    Character = 3,
    Take = 4,
    Export = 5,
    Member = 6,
    Timeline = 7,
    Comment = 8,
}
