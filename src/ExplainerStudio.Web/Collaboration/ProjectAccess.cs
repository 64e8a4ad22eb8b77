using ExplainerStudio.Web.Collaboration.Activity;
using ExplainerStudio.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Collaboration;

/// <summary>
/// The one place that decides whether a user may act on a project. Pages, endpoints and hubs all go through it, so
/// a new role or rule changes this class only.
/// </summary>
public sealed class ProjectAccess(IDbContextFactory<StudioDbContext> contextFactory)
{
    /// <summary>
    /// The caller's role, or <see cref="ProjectAccessDeniedException"/> when it is below <paramref name="minimum"/>. Not
    /// an async method on purpose: it names <paramref name="userId"/> as the actor of the calling service's writes
    /// (<see cref="ActivityActor"/>) in the caller's own flow, which an async method could not do.
    /// </summary>
    public Task<ProjectRole> RequireAsync(
        int projectId, string? userId, ProjectRole minimum, CancellationToken cancellationToken = default)
    {
        ActivityActor.Enter(userId);
        return CheckAsync(projectId, userId, minimum, cancellationToken);
    }

    private async Task<ProjectRole> CheckAsync(int projectId, string? userId, ProjectRole minimum, CancellationToken cancellationToken)
    {
        var role = await FindRoleAsync(projectId, userId, cancellationToken);
        if (role is null)
        {
            throw new ProjectAccessDeniedException(
                $"Project {projectId} does not exist or you are not one of its members. Ask its owner to add you.", isMember: false);
        }

        if (role < minimum)
        {
            throw new ProjectAccessDeniedException(
                $"You are a {role} on this project; this needs the {minimum} role or higher. Ask the project's owner.", isMember: true);
        }

        return role.Value;
    }

    public async Task<ProjectRole?> FindRoleAsync(int projectId, string? userId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return null;
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var member = await context.ProjectMembers.AsNoTracking()
            .Where(m => m.ProjectId == projectId && m.UserId == userId)
            .Select(m => (ProjectRole?)m.Role)
            .FirstOrDefaultAsync(cancellationToken);
        return member;
    }
}
