namespace ExplainerStudio.Web.Collaboration;

/// <summary>
/// The caller is not a member of the project, or their role is too low. Endpoints answer 404 for non-members so
/// that a project's existence does not leak.
/// </summary>
public sealed class ProjectAccessDeniedException(string message, bool isMember) : Exception(message)
{
    public bool IsMember { get; } = isMember;
}
