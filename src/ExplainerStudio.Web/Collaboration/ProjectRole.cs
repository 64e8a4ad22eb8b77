namespace ExplainerStudio.Web.Collaboration;

/// <summary>Ordered: a role can do everything the roles below it can.</summary>
public enum ProjectRole
{
    Viewer = 0,
    Reviewer = 1,
    Editor = 2,
    Owner = 3,
}
